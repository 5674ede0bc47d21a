// The camera an operator assigned to a role (document, face; renderer/operator/CamerasPanel.tsx), as
// the capture steps read it: applicants never choose one. null means the first camera.
import { useCallback, useEffect, useState } from 'react';
import type { CameraRole } from '../../shared/settings';
import { api } from '../app/api';

export interface CameraChoice {
  readonly cameras: readonly MediaDeviceInfo[];
  readonly deviceId: string | null;
  /** False until the saved choice is known: the camera must not start on the wrong device. */
  readonly ready: boolean;
  refresh(): void;
}

export function useCameraChoice(role: CameraRole): CameraChoice {
  const [cameras, setCameras] = useState<MediaDeviceInfo[]>([]);
  const [deviceId, setDeviceId] = useState<string | null>(null);
  const [ready, setReady] = useState(false);

  const refresh = useCallback(() => {
    void navigator.mediaDevices?.enumerateDevices().then((all) => setCameras(all.filter((d) => d.kind === 'videoinput')), () => undefined);
  }, []);

  useEffect(() => {
    let live = true;
    api.settings.get(undefined).then(
      (s) => { if (live) { setDeviceId(s.cameras[role]); setReady(true); } },
      () => { if (live) setReady(true); },
    );
    refresh();
    return () => { live = false; };
  }, [role, refresh]);

  return { cameras, deviceId, ready, refresh };
}
