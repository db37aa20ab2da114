// Build the page into src/tidings/web/static/: bundle our sources with the libraries
// from node_modules (esbuild), and copy the files served as they are (country shapes,
// Swagger UI, licences). Run by tools/build_web.py after `npm ci`.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

const pkg = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8'));
const lines = [];
for (const name of Object.keys(pkg.dependencies)) {
  const meta = JSON.parse(readFileSync(join(nm, name, 'package.json'), 'utf8'));
  lines.push(`${name} ${meta.version} (${meta.license})`);
  try {
    copyFileSync(join(nm, name, 'LICENSE'), join(out, 'licenses', `${name}.txt`));
  } catch {
    // a package without a LICENSE file: its licence name is listed above
  }
}
writeFileSync(join(out, 'licenses', 'README.txt'),
  `Libraries built into this page, from the npm registry (see web/package-lock.json):\n${lines.join('\n')}\n`);
console.log(`built ${out}`);
