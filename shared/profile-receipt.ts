// A profile's printed receipt (Kartu Informasi Akun / Bukti Pendaftaran): its title, whose name it
// carries, where to log in and what to do next. Presentation only: changing it does not change what
// a record must hold, so it needs no new profile version.
import { z } from 'zod';
import { FieldName, LocalisedText } from './fields/definitions';

export const ProfileReceiptSchema = z.object({
  /** Printed at the top of the card (SSCASN: "Kartu Informasi Akun"). */
  title: LocalisedText,
  /** The field whose value is printed as the applicant's name; default: the first person-name field. */
  nameField: FieldName.optional(),
  /** Where the applicant logs in afterwards, printed as text (the kiosk never opens it). */
  loginUrl: z.url({ protocol: /^https$/ }).max(200).optional(),
  /** Numbered next steps, in order. */
  nextSteps: z.array(LocalisedText).max(6).default([]),
}).strict();
export type ProfileReceipt = z.output<typeof ProfileReceiptSchema>;
