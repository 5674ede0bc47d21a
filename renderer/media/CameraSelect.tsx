// The camera picker of a capture step, shown only when the kiosk has more than one camera; the
// choice is remembered per role by useCameraChoice.
import type { CameraChoice } from './use-camera-choice';

export interface CameraSelectProps {
  readonly id: string;
  readonly camera: CameraChoice;
  /** The field's label, also the name of unlabelled cameras ("<label> 2"). */
  readonly label: string;
  readonly firstLabel: string;
  readonly disabled: boolean;
}

export function CameraSelect({ id, camera, label, firstLabel, disabled }: CameraSelectProps) {
  if (camera.cameras.length <= 1) return null;
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">{label}</label>
      <select id={id} className="field__input" value={camera.deviceId ?? ''}
        onChange={(e) => camera.choose(e.target.value || null)} disabled={disabled}>
        <option value="">{firstLabel}</option>
        {camera.cameras.map((c, i) => <option key={c.deviceId} value={c.deviceId}>{c.label || `${label} ${i + 1}`}</option>)}
      </select>
    </div>
  );
}
