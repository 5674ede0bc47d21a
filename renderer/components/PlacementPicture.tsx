// How to place the card under the document camera, or the face in front of the face camera: a
// drawing beside the live view, for applicants who do not read the instruction. Drawn inline (no
// image file to ship or fetch); the caption says in words what the drawing shows, so the drawing
// itself is hidden from screen readers.
import { useT } from '../i18n/i18n';

export function PlacementPicture({ kind }: { kind: 'card' | 'face' }) {
  const t = useT();
  return (
    <figure className="placement">
      <svg aria-hidden="true" viewBox="0 0 320 200" className="placement__drawing">
        <rect x="0" y="0" width="320" height="200" rx="14" fill="#1d2433" />
        {kind === 'card' ? <CardDrawing /> : <FaceDrawing />}
      </svg>
      <figcaption className="placement__caption">{t(kind === 'card' ? 'ktp.placement' : 'selfie.placement')}</figcaption>
    </figure>
  );
}

/** The e-KTP face up and upright, filling the dashed frame: text on the left, photo on the right. */
function CardDrawing() {
  return (
    <g>
      <rect x="40" y="28" width="240" height="151" rx="12" fill="none" stroke="#f6ad1b" strokeWidth="4" strokeDasharray="12 8" />
      <rect x="52" y="38" width="216" height="131" rx="9" fill="#cfe6f7" />
      <rect x="96" y="46" width="128" height="8" rx="3" fill="#5b7fa6" />
      {[70, 86, 102, 118, 134, 150].map((y, i) => <rect key={y} x="62" y={y} width={i === 0 ? 120 : 96 + (i % 3) * 14} height="7" rx="3" fill="#2d3a4f" />)}
      <rect x="206" y="70" width="48" height="62" rx="4" fill="#d94a3a" />
      <circle cx="230" cy="92" r="12" fill="#f3d2b3" />
      <path d="M212 132 q18 -26 36 0 z" fill="#f3d2b3" />
    </g>
  );
}

/** One face in the middle of the oval, looking at the camera, shoulders below it. */
function FaceDrawing() {
  return (
    <g>
      <ellipse cx="160" cy="92" rx="62" ry="78" fill="none" stroke="#f6ad1b" strokeWidth="4" strokeDasharray="12 8" />
      <path d="M82 200 q78 -86 156 0 z" fill="#5b7fa6" />
      <ellipse cx="160" cy="92" rx="40" ry="52" fill="#f3d2b3" />
      <circle cx="145" cy="84" r="5" fill="#2d3a4f" />
      <circle cx="175" cy="84" r="5" fill="#2d3a4f" />
      <path d="M146 114 q14 10 28 0" stroke="#2d3a4f" strokeWidth="4" fill="none" strokeLinecap="round" />
    </g>
  );
}
