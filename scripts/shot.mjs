import { chromium } from '@playwright/test';
const [,, url, out, w = '1440', h = '900', scheme = 'light'] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-quic','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync'] });
const page = await browser.newPage({ viewport: { width: +w, height: +h }, colorScheme: scheme });
const logs = [];
page.on('console', m => logs.push(m.type() + ': ' + m.text()));
page.on('pageerror', e => logs.push('pageerror: ' + e.message));
await page.goto(url);
await page.waitForTimeout(+(process.env.WAIT ?? 1500));
if (process.env.CLICK) { for (const sel of process.env.CLICK.split('|')) { await page.click(sel); await page.waitForTimeout(600); } }
await page.screenshot({ path: out, fullPage: process.env.FULL === '1' });
console.log(logs.join('\n'));
await browser.close();
