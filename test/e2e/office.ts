// What the back-office end-to-end specs share: the accounts they use, logging in on the page, axe's
// verdict on a page, and the central server process with its first admin (and a reviewer).
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { createAdminCommand, startServerProcess, type ServerProcess } from './server-process';
import { StaffBrowser } from '../support/staff-browser';

export const ADMIN = { username: 'kepala', password: 'kunci-rahasia-kantor-2026' };
export const REVIEWER = { username: 'rina', password: 'meja-verifikasi-tiga' };

export async function noSeriousViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
}

export async function logIn(page: Page, who: { username: string; password: string }): Promise<void> {
  await page.getByLabel('Nama pengguna').fill(who.username);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Masuk' }).click();
}

/** The server on `serverDir` (with `args`), its admin created from the command line and, when asked, the reviewer by that admin. */
export async function startOffice(serverDir: string, { args = [], reviewer = false }: { args?: readonly string[]; reviewer?: boolean } = {}): Promise<ServerProcess> {
  const server = await startServerProcess(serverDir, 0, args);
  expect(createAdminCommand(serverDir, ADMIN.username, ADMIN.password)).toContain(`admin ${ADMIN.username} created`);
  if (reviewer) {
    const admin = new StaffBrowser(server.url);
    expect((await admin.login(ADMIN.username, ADMIN.password)).status).toBe(200);
    expect((await admin.call('POST', '/staff', { username: REVIEWER.username, role: 'reviewer', password: REVIEWER.password })).status).toBe(201);
  }
  return server;
}
