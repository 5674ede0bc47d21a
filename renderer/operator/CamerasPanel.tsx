// Which camera serves each role — the document camera (KTP, enrolment QR) and the face camera —
// chosen by the operator with a live preview of the one picked; applicants never see a picker.
// Saved through the operator's channel (audited on the kiosk), read by the capture steps.
import { useEffect, useState } from 'react';
import Webcam from 'react-webcam';
import type { OperatorSession } from '../../shared/operator';
import { CAMERA_ROLES, type CameraRole, type KioskSettings } from '../../shared/settings';
import { api } from '../app/api';
import { useT, type MessageKey } from '../i18n/i18n';

export function CamerasPanel({ session, onSessionEnded }: { session: OperatorSession; onSessionEnded: (error: unknown) => void }) {
  const t = useT();
  const [cameras, setCameras] = useState<MediaDeviceInfo[]>([]);
  const [settings, setSettings] = useState<KioskSettings | null>(null);
  const [preview, setPreview] = useState<CameraRole | null>(null);
  const [said, setSaid] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api.settings.get(undefined).then((s) => { if (live) setSettings(s); }, onSessionEnded);
    void navigator.mediaDevices?.enumerateDevices().then((all) => { if (live) setCameras(all.filter((d) => d.kind === 'videoinput')); }, () => undefined);
    return () => { live = false; };
  }, [onSessionEnded]);

  const choose = async (role: CameraRole, deviceId: string | null): Promise<void> => {
    try {
      setSettings(await api.operator.setCamera({ session: session.session, role, deviceId }));
      setPreview(role);
      setSaid(t('operator.cameras.saved', { role: t(`operator.cameras.${role}` as MessageKey) }));
    } catch (err) {
      onSessionEnded(err);
    }
  };

  if (!settings) return null;
  return (
    <section aria-labelledby="cameras-title">
      <h2 id="cameras-title" className="section-title">{t('operator.cameras.title')}</h2>
      {cameras.length === 0 ? <p>{t('operator.cameras.none')}</p> : null}
      {CAMERA_ROLES.map((role) => {
        const chosen = settings.cameras[role];
        return (
          <div key={role} className="field">
            <label htmlFor={`camera-${role}`} className="field__label">{t(`operator.cameras.${role}` as MessageKey)}</label>
            <select id={`camera-${role}`} className="field__input" value={chosen ?? ''} onChange={(e) => void choose(role, e.target.value || null)}>
              <option value="">{t('operator.cameras.first')}</option>
              {cameras.map((c, i) => <option key={c.deviceId} value={c.deviceId}>{c.label || `${t('operator.cameras.camera')} ${i + 1}`}</option>)}
            </select>
            <button type="button" className="button" onClick={() => setPreview(preview === role ? null : role)}>
              {t(preview === role ? 'operator.cameras.hidePreview' : 'operator.cameras.showPreview')}
            </button>
            {preview === role ? (
              <Webcam key={chosen ?? 'first'} className="capture__video" audio={false} aria-label={t('operator.cameras.preview', { role: t(`operator.cameras.${role}` as MessageKey) })}
                videoConstraints={chosen ? { deviceId: { exact: chosen } } : true} />
            ) : null}
          </div>
        );
      })}
      {said ? <p role="status">{said}</p> : null}
    </section>
  );
}
