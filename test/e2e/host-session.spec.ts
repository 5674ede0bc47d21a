// The browser host hands the API to the one page it opened: the launch URL's one-time code is
// traded for an HttpOnly cookie and leaves the address bar; a reload keeps the session; the same
// link opened again elsewhere gets the "open the kiosk from its own window" notice, never the API.
import { test, expect } from './kiosk-host';

test('the launch link opens one session; a reload keeps it; the spent link elsewhere gets a clear notice', async ({ page, browser, host }) => {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: /Selamat datang/ })).toBeVisible();
  expect(page.url()).toBe(`${host.origin}/`);
  const [cookie, ...others] = await page.context().cookies();
  expect(others).toEqual([]);
  expect(cookie).toMatchObject({ name: 'kiosk-session', httpOnly: true, sameSite: 'Strict', path: '/api' });
  expect(await page.evaluate(() => document.cookie)).toBe('');

  // What any local process gets from GET /: no code, no session, no token.
  const index = await (await fetch(`${host.origin}/`)).text();
  const code = new URL(host.url).hash.slice('#launch='.length);
  expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(index).not.toContain(code);
  expect(index).not.toContain(cookie?.value ?? '-');
  expect(index).not.toMatch(/kiosk-token|kiosk-session/);

  await page.reload();
  await expect(page.getByRole('heading', { name: /Selamat datang/ })).toBeVisible();

  const other = await browser.newContext({ locale: 'id-ID' });
  try {
    const stranger = await other.newPage();
    await stranger.goto(host.url);
    await expect(stranger.getByRole('alert')).toHaveText(/Buka kiosk dari jendela yang dibuka oleh aplikasi/);
    await expect(stranger.getByRole('heading', { name: /Selamat datang/ })).toHaveCount(0);
    expect(await other.cookies()).toEqual([]);
  } finally {
    await other.close();
  }
  // The kiosk's own page is unaffected.
  await page.getByLabel(/menyetujui pemrosesan data pribadi/).check();
  await page.getByRole('button', { name: 'Mulai Pendaftaran' }).click();
  await expect(page.getByRole('heading', { name: /Langkah 1/ })).toBeVisible();
});
