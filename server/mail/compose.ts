// The applicant's e-mail for a staff decision, composed from the record opened in memory (its
// address, name and language) and sealed for the outbox, so it can be queued in the decision's own
// transaction. A profile without an e-mail field, or a record without an address, gets no mail.
import type { Profile } from '../../shared/profile';
import type { RecordPayload } from '../../shared/sync/record-payload';
import { composeDecisionMail, type Decision } from '../../shared/decision-mail';
import { nameFieldOf } from '../../shared/receipt-card';
import type { ServerKeys } from '../keys';
import type { NewOutboxMail } from '../store/server-store';
import { outboxCipher } from './outbox-cipher';

const NO_NAME = { id: 'Pemohon', en: 'Applicant' } as const;

export function decisionMailComposer(keys: Pick<ServerKeys, 'sealing'>) {
  const cipher = outboxCipher(keys);
  return async (profile: Profile, deviceId: string, recordId: string, record: RecordPayload, decision: Decision): Promise<NewOutboxMail | undefined> => {
    const emailField = profile.fields.find((f) => f.kind === 'email');
    const to = emailField ? record.fields[emailField.name]?.trim() : undefined;
    if (!to) return undefined;
    const nameField = nameFieldOf(profile);
    const name = (nameField === undefined ? undefined : record.fields[nameField]?.trim()) || NO_NAME[record.locale];
    const mail = composeDecisionMail({ emails: profile.emails, title: profile.title, loginUrl: profile.receipt?.loginUrl, locale: record.locale, name }, decision);
    return { kind: decision.kind, sealed: await cipher.seal(deviceId, recordId, decision.kind, { to, ...mail }) };
  };
}
