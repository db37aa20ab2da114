// Build the page into src/tidings/web/static/: bundle our sources with the libraries
// from node_modules (esbuild), and copy the files served as they are (country shapes,
// Swagger UI, licences). Run by tools/build_web.py after `npm ci`.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'src', 'tidings', 'web', 'static');
const nm = join(here, 'node_modules');

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'data'), { recursive: true });
mkdirSync(join(out, 'vendor', 'swagger-ui'), { recursive: true });
mkdirSync(join(out, 'licenses'), { recursive: true });

await build({
  entryPoints: { app: join(here, 'src', 'main.js'), 'app-style': join(here, 'src', 'app.css') },
  bundle: true,
  minify: true,
  sourcemap: false,
  format: 'iife',
  target: ['chrome100', 'firefox100', 'safari15'],
  outdir: out,
  loader: { '.png': 'file', '.svg': 'file' },
  assetNames: 'assets/[name]-[hash]',
  legalComments: 'eof',
  logLevel: 'warning',
});
// one stylesheet name for the page
copyFileSync(join(out, 'app-style.css'), join(out, 'app.css'));
rmSync(join(out, 'app-style.css'));
rmSync(join(out, 'app-style.js'), { force: true });

for (const f of ['index.html', 'docs.html', 'docs.js', 'favicon.svg']) copyFileSync(join(here, 'src', f), join(out, f));
copyFileSync(join(nm, 'world-atlas', 'countries-110m.json'), join(out, 'data', 'countries-110m.json'));
for (const f of ['swagger-ui-bundle.js', 'swagger-ui.css'])
  copyFileSync(join(nm, 'swagger-ui-dist', f), join(out, 'vendor', 'swagger-ui', f));

// every package the page carries (the lockfile's non-development entries, transitive ones
// included), with its licence text
const lock = JSON.parse(readFileSync(join(here, 'package-lock.json'), 'utf8'));
const lines = [];
for (const [key, entry] of Object.entries(lock.packages)) {
  if (!key.startsWith('node_modules/') || entry.dev) continue;
  const name = key.slice('node_modules/'.length);
  lines.push(`${name} ${entry.version} (${entry.license || 'see its licence file'})`);
  const file = readdirSync(join(nm, name)).find((f) => /^(MIT-)?LICEN[CS]E/i.test(f));
  if (file) copyFileSync(join(nm, name, file), join(out, 'licenses', `${name.replace('/', '__')}.txt`));
}
writeFileSync(join(out, 'licenses', 'README.txt'),
  `Packages installed for this page from the npm registry (web/package-lock.json), with their licences; the page carries the code of those it imports:\n${lines.join('\n')}\n`);
console.log(`built ${out}`);
