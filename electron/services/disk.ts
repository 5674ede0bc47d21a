// Free space on the disk holding the data directory: the dashboard shows it, and too little closes
// intake (shared/intake.ts). null when the system cannot tell (then it is never a reason to close).
import { statfsSync } from 'node:fs';

export function freeDiskBytes(dir: string): number | null {
  try {
    const s = statfsSync(dir);
    return Number(s.bavail) * Number(s.bsize);
  } catch {
    return null;
  }
}
