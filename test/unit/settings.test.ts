import { describe, expect, it } from 'vitest';
import { createKioskServices } from '../../electron/services/kiosk-services';
import { dispatch } from '../../electron/services/dispatch';
import { useTempDirs } from './temp-dir';

const tempDir = useTempDirs();

describe('camera role settings', () => {
  it('start empty (first camera), persist a choice across restarts, and clear it again', async () => {
    const dir = tempDir();
    const a = createKioskServices({ dataDir: dir });
    expect((await dispatch(a, 'kiosk:settings:get', undefined)).envelope).toEqual({ ok: true, value: { cameras: { document: null, face: null } } });
    await dispatch(a, 'kiosk:settings:set-camera', { role: 'document', deviceId: 'cam-123' });
    await a.close();
    const b = createKioskServices({ dataDir: dir });
    expect((await dispatch(b, 'kiosk:settings:get', undefined)).envelope).toEqual({ ok: true, value: { cameras: { document: 'cam-123', face: null } } });
    await dispatch(b, 'kiosk:settings:set-camera', { role: 'document', deviceId: null });
    expect((await dispatch(b, 'kiosk:settings:get', undefined)).envelope).toMatchObject({ value: { cameras: { document: null } } });
    await b.close();
  });

  it('refuses an unknown role or an oversized device id', async () => {
    const s = createKioskServices({ dataDir: tempDir() });
    expect((await dispatch(s, 'kiosk:settings:set-camera', { role: 'printer', deviceId: 'x' })).status).toBe('invalid-input');
    expect((await dispatch(s, 'kiosk:settings:set-camera', { role: 'face', deviceId: 'x'.repeat(300) })).status).toBe('invalid-input');
    await s.close();
  });
});
