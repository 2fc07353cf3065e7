import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
await page.goto(process.argv[2]);
await page.waitForTimeout(2500);
console.log(await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]));
console.log(await page.evaluate(() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-scroll')).slice(0, 8).map(e => e.className + ' ' + Math.round(e.getBoundingClientRect().right))));
await browser.close();
