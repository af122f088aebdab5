#!/usr/bin/env node
// `npm run bench`: privacy-lint against ESLint 9 + @typescript-eslint/parser running the equivalent
// restricted-import/property/syntax rules, on the same large corpus, in the same run.
// The corpus is real code nobody here wrote: the hand-written modules of this project's own
// node_modules (no bundles, builds or type declarations, none over 32 KB, so that files look like a
// monorepo's: about 200 lines each), copied until it reaches the target size, plus every rule
// fixture once so that findings exist, and a policy.yaml. Like a monorepo, it is a git work tree.
// Usage: npm run bench [-- --files 5000 --lines 750000 --mb 28 --sizes 0.25,0.5,1]
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(REPO, 'dist/cli.js');
const ESLINT = path.join(REPO, 'node_modules/eslint/bin/eslint.js');
const SOURCE = /\.(m|c)?(j|t)sx?$/;
/** Bundled or compiled output: what a monorepo keeps out of its sources. */
const BUILT = /[\\/](dist|build|bundle|umd|esm|cjs|commonjs|_esm|_cjs)[\\/]/;

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '5000' },
    lines: { type: 'string', default: '750000' },
    mb: { type: 'string', default: '28' },
    sizes: { type: 'string', default: '0.25,0.5,1' },
    work: { type: 'string', default: path.join(os.tmpdir(), 'privacy-lint-bench') },
  },
});

const targetFiles = Number(values.files);
const targetLines = Number(values.lines);
const targetBytes = Number(values.mb) * 1e6;
const work = values.work;

/** The hand-written modules of node_modules, sorted. */
function candidates() {
  const out = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (SOURCE.test(entry.name) && !/\.d\.(m|c)?ts$|\.min\.js$/.test(entry.name) && !BUILT.test(full)) {
        const size = fs.statSync(full).size;
        if (size > 1024 && size < 32 * 1024) out.push(full);
      }
    }
  };
  walk(path.join(REPO, 'node_modules'));
  return out.sort();
}

function listFixtures(dir) {
  const out = [];
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && SOURCE.test(entry.name)) out.push(path.join(entry.parentPath ?? entry.path, entry.name));
  }
  return out.sort();
}

/**
 * Copies every rule fixture once, then real modules round-robin into numbered folders until every
 * target is reached, and commits the tree; reuses an identical earlier corpus. The fixtures are
 * the files that collect: about one in twenty-five, more than most real trees hold.
 */
function buildCorpus(dir, files, lines, bytes) {
  const statsFile = path.join(dir, '..', `${path.basename(dir)}.json`);
  const wanted = JSON.stringify({ files, lines, bytes, pool: 'sources-32k-fixtures-once-git' });
  if (fs.existsSync(statsFile) && fs.existsSync(dir)) {
    const saved = JSON.parse(fs.readFileSync(statsFile, 'utf8'));
    if (JSON.stringify(saved.target) === wanted) return saved.stats;
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const stats = { files: 0, lines: 0, bytes: 0, collecting: 0 };
  const copy = (source, target) => {
    const text = fs.readFileSync(source, 'utf8');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
    stats.files++;
    stats.bytes += text.length;
    stats.lines += text.split('\n').length;
  };
  for (const fixture of listFixtures(path.join(REPO, 'fixtures/rules'))) copy(fixture, path.join(dir, path.relative(REPO, fixture)));
  stats.collecting = stats.files;
  fs.copyFileSync(path.join(REPO, 'fixtures/demo-app/policy.seed-000.yaml'), path.join(dir, 'policy.yaml'));
  const pool = candidates();
  const reached = () => stats.files >= files && stats.lines >= lines && stats.bytes >= bytes;
  for (let round = 0; !reached(); round++) {
    for (const source of pool) {
      if (reached()) break;
      // Vendored paths (node_modules, dist, build...) are ignored by default, so flatten them.
      const relative = path.relative(REPO, source).replace(/node_modules|dist|build|vendor|__tests__|\.test\.|\.spec\./g, (m) => m.replace(/[_.]/g, '') + 'x');
      copy(source, path.join(dir, `copy${round}`, relative));
    }
  }
  const git = (...args) => execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@localhost', ...args], { cwd: dir, stdio: 'pipe' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'bench corpus');
  fs.writeFileSync(statsFile, JSON.stringify({ target: JSON.parse(wanted), stats }));
  return stats;
}

/** ESLint config with the restricted-* rules equivalent to privacy-lint's JS matchers. */
async function writeEslintConfig(file) {
  const { loadRules } = await import(path.join(REPO, 'dist/config/rules.js'));
  const { rules } = loadRules();
  const modules = new Set();
  const properties = new Map();
  const selectors = new Set();
  for (const rule of rules) {
    for (const m of rule.match) {
      if (m.type === 'import') for (const mod of m.modules) modules.add(mod.replace(/\/\*$/, ''));
      if (m.type === 'global') {
        for (const p of m.paths) {
          const [object, property] = p.split('.');
          if (property) properties.set(`${object}.${property}`, { object, property, message: rule.id });
          else selectors.add(`Identifier[name='${object}']`);
        }
      }
      if (m.type === 'local') {
        for (const p of m.paths) {
          const parts = p.split('.');
          selectors.add(`MemberExpression[object.name='${parts[0]}'][property.name='${parts.at(-1)}']`);
        }
      }
      if (m.type === 'header') for (const h of m.names) selectors.add(`MemberExpression[property.value='${h}']`);
      if (m.type === 'member') for (const name of m.names) selectors.add(`MemberExpression[property.name='${String(name).split('.').at(-1)}']`);
      if (m.type === 'call-arg') {
        for (const method of m.methods) for (const arg of m.args) selectors.add(`CallExpression[callee.property.name='${method}'][arguments.0.value='${arg}']`);
      }
      if (m.type === 'url' || m.type === 'script-src') for (const p of m.patterns) selectors.add(`Literal[value=/${p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}/]`);
    }
  }
  const config = `import parser from ${JSON.stringify(path.join(REPO, 'node_modules/@typescript-eslint/parser/dist/index.js'))};
export default [{
  files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'],
  languageOptions: { parser, parserOptions: { ecmaFeatures: { jsx: true } } },
  linterOptions: { reportUnusedDisableDirectives: 'off' },
  rules: {
    'no-restricted-imports': ['error', { paths: ${JSON.stringify([...modules].sort())} }],
    'no-restricted-properties': ['error', ...${JSON.stringify([...properties.values()])}],
    'no-restricted-syntax': ['error', ...${JSON.stringify([...selectors].sort())}],
  },
}];
`;
  fs.writeFileSync(file, config);
}

/** Wall seconds and peak resident memory (MB) of a command, via GNU time. */
function measure(command, args, cwd) {
  const timeFile = path.join(work, 'time.txt');
  const run = spawnSync('/usr/bin/time', ['-f', '%e %M', '-o', timeFile, command, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  const [seconds, kb] = fs.readFileSync(timeFile, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
  return { seconds, mb: Math.round(kb / 1024), status: run.status, stderr: run.stderr };
}

/** Short runs are where the machine's noise shows: the median of three. */
function medianOf3(command, args, cwd) {
  return [1, 2, 3].map(() => measure(command, args, cwd)).sort((a, b) => a.seconds - b.seconds)[1];
}

function row(label, m) {
  return `${label.padEnd(44)} ${m.seconds.toFixed(2).padStart(8)} s ${String(m.mb).padStart(6)} MB   (exit ${m.status})`;
}

async function main() {
  if (!fs.existsSync(CLI)) execFileSync('npm', ['run', 'build'], { cwd: REPO, stdio: 'inherit' });
  fs.mkdirSync(work, { recursive: true });
  const eslintConfig = path.join(work, 'eslint.config.mjs');
  await writeEslintConfig(eslintConfig);
  const sizes = values.sizes.split(',').map(Number);
  console.log(`privacy-lint benchmark on ${os.cpus().length} cores, Node ${process.version}`);
  const results = [];
  for (const size of sizes) {
    const corpus = path.join(work, `corpus-${size}`);
    const stats = buildCorpus(corpus, Math.round(targetFiles * size), Math.round(targetLines * size), Math.round(targetBytes * size));
    console.log(`\ncorpus ${size}: ${stats.files} files (${stats.collecting} of them fixtures that collect), ${stats.lines} lines, ${(stats.bytes / 1e6).toFixed(1)} MB`);
    const cache = path.join(work, `cache-${size}`);
    fs.rmSync(cache, { force: true });
    const pl = measure(process.execPath, [CLI, 'check', corpus, '--format', 'json', '--output', path.join(work, 'pl.json')], REPO);
    console.log(row('privacy-lint (cold)', pl));
    const cold = measure(process.execPath, [CLI, 'check', corpus, '--cache', '--cache-location', cache, '--format', 'json', '--output', path.join(work, 'pl-cache.json')], REPO);
    const warm = medianOf3(process.execPath, [CLI, 'check', corpus, '--cache', '--cache-location', cache, '--format', 'json', '--output', path.join(work, 'pl-cache.json')], REPO);
    console.log(row('privacy-lint --cache (fill)', cold));
    console.log(row('privacy-lint --cache (warm)', warm));
    const es = measure(process.execPath, [ESLINT, '--no-config-lookup', '-c', eslintConfig, '--format', 'json', '-o', path.join(work, 'es.json'), corpus], work);
    console.log(row('ESLint 9 + @typescript-eslint/parser', es));
    console.log(`ratio (ESLint / privacy-lint cold): ${(es.seconds / pl.seconds).toFixed(1)}x`);
    results.push({ size, ...stats, privacyLint: pl.seconds, warm: warm.seconds, eslint: es.seconds, memory: pl.mb });
  }
  console.log('\nsize  files   lines     privacy-lint  warm cache  ESLint   ratio  peak MB');
  for (const r of results) {
    console.log(
      `${String(r.size).padEnd(5)} ${String(r.files).padEnd(7)} ${String(r.lines).padEnd(9)} ${r.privacyLint.toFixed(2).padStart(8)} s ${r.warm.toFixed(2).padStart(8)} s ${r.eslint.toFixed(1).padStart(6)} s ${(r.eslint / r.privacyLint).toFixed(1).padStart(5)}x ${String(r.memory).padStart(6)}`,
    );
  }
  stagedBench(path.join(work, `corpus-${sizes.at(-1)}`));
}

/**
 * `check --staged` in a fresh repository: the pre-commit case. A handful of ordinary files, which
 * is most commits; then the demo app's files that collect, which must load TypeScript to parse them.
 */
function stagedBench(corpus) {
  const repo = path.join(work, 'staged-repo');
  fs.rmSync(repo, { recursive: true, force: true });
  fs.cpSync(path.join(REPO, 'fixtures/demo-app'), repo, { recursive: true });
  const ordinary = fs.readdirSync(corpus, { recursive: true, encoding: 'utf8' }).filter((f) => SOURCE.test(f) && !f.includes('fixtures')).sort().slice(0, 5);
  ordinary.forEach((file, i) => fs.cpSync(path.join(corpus, file), path.join(repo, 'lib', `${i}-${path.basename(file)}`)));
  const git = (...args) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' });
  git('init', '-q');
  git('add', 'lib');
  const handful = medianOf3(process.execPath, [CLI, 'check', '--staged', '--policy', 'policy.seed-000.yaml'], repo);
  console.log(`\n${row(`privacy-lint --staged (${ordinary.length} ordinary files)`, handful)}`);
  git('add', '.');
  const all = medianOf3(process.execPath, [CLI, 'check', '--staged', '--policy', 'policy.seed-000.yaml'], repo);
  console.log(row('privacy-lint --staged (demo app, all staged)', all));
}

await main();
