// `npm run server -- purge`: one retention pass from the command line, with the keys and profiles a
// serving process would use, and a line per profile saying what it did. The keys must be the
// database's own (checked first): others could open no record, and would chain the audit entries
// under another key.
import { checkKeysAgainst, loadServerKeys } from '../keys';
import { loadServerProfiles } from '../profiles';
import type { ServerStore } from '../store/server-store';
import { runRetention } from './run-retention';

export async function purgeCommand(store: ServerStore, dataDir: string, resourcesDir: string, now = new Date()): Promise<string[]> {
  const keys = loadServerKeys(dataDir);
  await checkKeysAgainst(store, keys, dataDir);
  const profiles = loadServerProfiles(resourcesDir);
  const results = await runRetention({ store, keys, profiles, now: () => now });
  return results.map(({ profileId, purged, unreadable }) => {
    const days = profiles.get(profileId)?.retention.afterDecisionDays ?? 0;
    return `${profileId}: ${purged} purged (decided more than ${days} days ago)${unreadable > 0 ? `, ${unreadable} could not be opened with this server's key` : ''}`;
  });
}
