// Camera roles: which camera serves the document and the face, set only by a logged-in operator
// (applicants never choose one), remembered across restarts, validated, and audited on the kiosk.
import { describe, expect, it } from 'vitest';
import { createKioskServices, type KioskServices } from '../../electron/services/kiosk-services';
import { dispatch } from '../../electron/services/dispatch';
import { listKioskAudit, replaceOperators } from '../../electron/services/operators/operators-repo';
import { createPasswordHash } from '../../node/crypto/password-hash';
import { isChannel } from '../../shared/channels';
import { useTempDirs } from './temp-dir';

const tempDir = useTempDirs();

async function operatorSession(s: KioskServices): Promise<string> {
  replaceOperators(s.db, [{ username: 'sari', displayName: null, passwordHash: await createPasswordHash('meja-layanan-depan-7'), disabled: false, updatedAt: new Date().toISOString() }]);
  const r = await dispatch(s, 'kiosk:operator:login', { username: 'sari', password: 'meja-layanan-depan-7' });
  if (!r.envelope.ok) throw new Error('login failed');
  return (r.envelope.value as { session: string }).session;
}

describe('camera role settings', () => {
  it('start empty (first camera), persist an operator\'s choice across restarts, and clear it again', async () => {
    const dir = tempDir();
    const a = createKioskServices({ dataDir: dir });
    expect((await dispatch(a, 'kiosk:settings:get', undefined)).envelope).toEqual({ ok: true, value: { cameras: { document: null, face: null } } });
    const session = await operatorSession(a);
    await dispatch(a, 'kiosk:operator:set-camera', { session, role: 'document', deviceId: 'cam-123' });
    expect(listKioskAudit(a.db, 5).find((e) => e.action === 'operator.camera')).toMatchObject({ operator: 'sari', detail: { role: 'document', chosen: true } });
    await a.close();
    const b = createKioskServices({ dataDir: dir });
    expect((await dispatch(b, 'kiosk:settings:get', undefined)).envelope).toEqual({ ok: true, value: { cameras: { document: 'cam-123', face: null } } });
    await dispatch(b, 'kiosk:operator:set-camera', { session: await operatorSession(b), role: 'document', deviceId: null });
    expect((await dispatch(b, 'kiosk:settings:get', undefined)).envelope).toMatchObject({ value: { cameras: { document: null } } });
    await b.close();
  });

  it('is no applicant\'s to set: no such applicant channel, and the operator\'s needs a session; bad roles and ids refused', async () => {
    const s = createKioskServices({ dataDir: tempDir() });
    expect(isChannel('kiosk:settings:set-camera')).toBe(false);
    expect((await dispatch(s, 'kiosk:operator:set-camera', { role: 'face', deviceId: 'x' })).status).toBe('unauthorized');
    const session = await operatorSession(s);
    expect((await dispatch(s, 'kiosk:operator:set-camera', { session, role: 'printer', deviceId: 'x' })).status).toBe('invalid-input');
    expect((await dispatch(s, 'kiosk:operator:set-camera', { session, role: 'face', deviceId: 'x'.repeat(300) })).status).toBe('invalid-input');
    await s.close();
  });
});
