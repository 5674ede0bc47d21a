// Decisions from the server's command line (`npm run server -- number|reject …`), for an operator
// without the back office: the same store calls as the review API, with the applicant's e-mail and
// the audit entry (actor "cli") in the decision's transaction. No revision is named: the command
// decides a record that is still 'received', whatever was seen of it.
import type { Profile } from '../../shared/profile';
import type { ServerKeys } from '../keys';
import type { ServerStore } from '../store/server-store';
import { auditTrail } from '../staff/audit-trail';
import { decisionMailComposer } from '../mail/compose';
import { reviewOpener } from './open-record';

export class CommandLineRefusal extends Error {}

export async function decideFromCommandLine(
  { store, keys, profiles, now }: { store: ServerStore; keys: ServerKeys; profiles: ReadonlyMap<string, Profile>; now: Date },
  decision: { kind: 'number' } | { kind: 'reject'; reason: string },
  deviceId: string, recordId: string,
): Promise<string> {
  const row = (await store.findRegistrations(deviceId, [recordId]))[0];
  const profile = row && profiles.get(row.profileId);
  if (!row || !profile) throw new CommandLineRefusal(`no registration ${recordId} from device ${deviceId} with a configured profile`);
  if (row.state !== 'received') return `${recordId}: already ${row.state}${row.registrationNumber ? ` ${row.registrationNumber}` : ''}`;
  const opened = await reviewOpener(keys)(deviceId, recordId, await store.findSealed(deviceId, recordId));
  if (!opened.ok) throw new CommandLineRefusal(`registration ${recordId} cannot be opened with this server's key`);
  const composeMail = decisionMailComposer(keys);
  const audit = auditTrail(store.staff, keys);
  const subject = `${deviceId}/${recordId}`;
  if (decision.kind === 'number') {
    const after = await store.issueNumber(deviceId, recordId, profile.numbering, now, {
      mail: (registrationNumber) => composeMail(profile, deviceId, recordId, opened.record, { kind: 'approved', registrationNumber }),
      audit: audit.within((d) => ({ at: now.toISOString(), actor: 'cli', action: 'registration.approve', subject, detail: { number: d.registrationNumber } })),
    });
    return after?.state === 'numbered' && after.decidedHere ? after.registrationNumber ?? '' : `not numbered: the record is ${after?.state ?? 'unknown'}`;
  }
  const label = profile.rejectReasons.find((r) => r.code === decision.reason)?.label;
  if (!label) throw new CommandLineRefusal(`reason ${decision.reason} is not one of ${profile.id}'s: ${profile.rejectReasons.map((r) => r.code).join(', ')}`);
  const after = await store.rejectRegistration(deviceId, recordId, decision.reason, now.toISOString(), {
    mail: await composeMail(profile, deviceId, recordId, opened.record, { kind: 'rejected', reason: label, note: null }),
    audit: audit.within(() => ({ at: now.toISOString(), actor: 'cli', action: 'registration.reject', subject, detail: { reason: decision.reason } })),
  });
  return `${recordId}: ${after?.state ?? 'unknown'}`;
}
