// crop a tall screenshot into parts using playwright's page to render? use sharp-less approach: chromium canvas
import { chromium } from '@playwright/test';
import fs from 'fs';
const [,, inp, prefix, partH = '2400'] = process.argv;
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const p = await b.newPage();
const data = fs.readFileSync(inp).toString('base64');
await p.setContent(`<img id=i src="data:image/png;base64,${data}">`);
const { w, h } = await p.evaluate(() => { const i = document.getElementById('i'); return { w: i.naturalWidth, h: i.naturalHeight }; });
const n = Math.ceil(h / +partH);
for (let k = 0; k < n; k++) {
  const url = await p.evaluate(([k, ph, w, h]) => { const i = document.getElementById('i'); const c = document.createElement('canvas'); const hh = Math.min(ph, h - k * ph); c.width = w; c.height = hh; c.getContext('2d').drawImage(i, 0, k * ph, w, hh, 0, 0, w, hh); return c.toDataURL('image/png'); }, [k, +partH, w, h]);
  fs.writeFileSync(`${prefix}-${k}.png`, Buffer.from(url.split(',')[1], 'base64'));
}
console.log(w, h, n);
await b.close();
