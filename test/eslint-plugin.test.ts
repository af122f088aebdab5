import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter, RuleTester } from 'eslint';
import privacyLint from 'privacy-lint/eslint-plugin';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, runCli } from './helpers/cli.js';

// The plugin is imported through the package's own exports (dist/), as users load it: its scan
// worker is a compiled module. Run `npm run build` first, as for the CLI tests.

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) fs.rmSync(dir, { recursive: true, force: true });
});

/** A throw-away project on disk: ESLint lints paths, and the rule looks for policy.yaml beside them. */
function project(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'privacy-lint-eslint-')));
  temporary.push(dir);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const POLICY = `version: 1
collects:
  - browser.user_agent
does_not_collect:
  - tracking.cookie
scan:
  exclude: ["src/generated/**"]
`;
/** App Center is a dependency, so check reports what it collects by default in package.json, never in a source file. */
const PACKAGE_JSON = '{ "name": "shop", "private": true, "dependencies": { "appcenter-analytics": "5.0.1" } }\n';

const app = project({ 'policy.yaml': POLICY, 'package.json': PACKAGE_JSON, '.gitignore': 'scratch/\n' });
const broken = project({ 'policy.yaml': 'version: 1\ncollects:\n  - device.id.imie\n' });
const unjudged = project({ 'package.json': '{ "name": "no-policy" }\n' });
const typescript = { parser: tsParser } satisfies Linter.LanguageOptions;

describe('undisclosed-collection (RuleTester)', () => {
  new RuleTester().run('undisclosed-collection', privacyLint.rules['undisclosed-collection'], {
    valid: [
      { name: 'a category the policy collects', filename: `${app}/src/agent.js`, code: 'export const agent = navigator.userAgent;\n' },
      { name: 'a parameter that shadows the global', filename: `${app}/src/shadow.js`, code: 'export function locate(navigator) {\n  return navigator.geolocation;\n}\n' },
      { name: 'the API named in a string and a comment', filename: `${app}/src/text.js`, code: "// navigator.geolocation is not used here\nexport const api = 'navigator.geolocation';\n" },
      { name: 'a test file, which check skips', filename: `${app}/src/geo.test.js`, code: 'navigator.geolocation.getCurrentPosition(show);\n' },
      { name: 'a file the policy excludes', filename: `${app}/src/generated/geo.js`, code: 'navigator.geolocation.getCurrentPosition(show);\n' },
      { name: 'a file .gitignore excludes', filename: `${app}/scratch/geo.js`, code: 'navigator.geolocation.getCurrentPosition(show);\n' },
      {
        name: 'a suppression with a reason',
        filename: `${app}/src/suppressed.js`,
        code: '// privacy-lint-disable-next-line location.precise -- the store locator asks first\nnavigator.geolocation.getCurrentPosition(show);\n',
      },
      { name: 'no policy.yaml at or above the file', filename: `${unjudged}/src/geo.js`, code: 'navigator.geolocation.getCurrentPosition(show);\n' },
      {
        name: 'TypeScript that only collects what the policy declares',
        filename: `${app}/src/agent.ts`,
        languageOptions: typescript,
        code: 'export const agent: string = navigator.userAgent as string;\n',
      },
    ],
    invalid: [
      {
        name: 'an undeclared category, default parser',
        filename: `${app}/src/geo.js`,
        code: 'navigator.geolocation.getCurrentPosition(show);\n',
        errors: [{ message: "Reads the device's position (navigator.geolocation); policy.yaml does not disclose location.precise", line: 1, column: 1, endLine: 1, endColumn: 22 }],
      },
      {
        name: 'an undeclared category, @typescript-eslint/parser',
        filename: `${app}/src/watch.ts`,
        languageOptions: typescript,
        code: 'const watch = (cb: PositionCallback): number => navigator.geolocation.watchPosition(cb);\n',
        errors: [{ message: "Reads the device's position (navigator.geolocation); policy.yaml does not disclose location.precise", line: 1, column: 49, endLine: 1, endColumn: 70 }],
      },
      {
        name: 'a category the policy promises never to collect',
        filename: `${app}/src/cookie.js`,
        code: "document.cookie = 'seen=1';\n",
        errors: [
          {
            message: 'Reads or sets cookies through document.cookie; policy.yaml does not disclose tracking.cookie; policy.yaml promises never to collect tracking.cookie (does_not_collect)',
            line: 1,
            column: 1,
          },
        ],
      },
      {
        name: 'an undeclared SDK, with its default collection left in package.json as check reports it',
        filename: `${app}/src/events.ts`,
        languageOptions: typescript,
        code: "import Analytics from 'appcenter-analytics';\n\nexport function opened(): void {\n  Analytics.trackEvent('open');\n}\n",
        errors: [{ message: 'Imports the App Center SDK; policy.yaml does not list appcenter under third_parties', line: 1, column: 1, endLine: 1, endColumn: 45 }],
      },
      {
        name: 'a policy check would refuse, reported once at the top of the file',
        filename: `${broken}/src/geo.js`,
        code: 'navigator.geolocation.getCurrentPosition(show);\n',
        errors: [
          {
            messageId: 'unusablePolicy',
            data: { problem: `${broken}/policy.yaml:3:5 collects[0]: unknown category "device.id.imie" (did you mean "device.id.imei"?)` },
            line: 1,
            column: 1,
          },
        ],
      },
    ],
  });
});

describe('the plugin object', () => {
  it('recommends the rule as an error and registers the very plugin object', () => {
    const { recommended } = privacyLint.configs;
    expect(recommended.rules).toEqual({ 'privacy-lint/undisclosed-collection': 'error' });
    expect(recommended.plugins?.['privacy-lint']).toBe(privacyLint);
    expect(privacyLint.meta.name).toBe('privacy-lint');
  });

  it('links each rule to its README section, pinned to the release', () => {
    const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
    const { version } = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };
    for (const [name, rule] of Object.entries(privacyLint.rules)) {
      expect(rule.meta?.docs?.url).toBe(`https://www.npmjs.com/package/privacy-lint/v/${version}#${name}`);
      expect(readme).toMatch(new RegExp(`^#+ \`${name}\`$`, 'm'));
    }
  });
});

/** What the editor shows of a finding. */
interface Reported {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

/** What the rule must report: check's undisclosed findings in the files ESLint lints. */
function checkReports(cwd: string, args: string[], linted: RegExp): Reported[] {
  const run = runCli(['check', '--format', 'json', ...args], { cwd });
  expect(run.stderr).toBe('');
  const findings = (JSON.parse(run.stdout) as { findings: (Reported & { status: string })[] }).findings;
  return findings
    .filter((f) => f.status === 'undisclosed' && linted.test(f.file))
    .map(({ file, line, column, endLine, endColumn, message }) => ({ file, line, column, endLine, endColumn, message }));
}

/** ESLint's messages as check's fields, with paths relative to `root`. */
function asFindings(results: ESLint.LintResult[], root: string): Reported[] {
  return results.flatMap((r) =>
    r.messages.map((m) => {
      expect(m.ruleId).toBe('privacy-lint/undisclosed-collection');
      return { file: path.relative(root, r.filePath).split(path.sep).join('/'), line: m.line, column: m.column, endLine: m.endLine!, endColumn: m.endColumn!, message: m.message };
    }),
  );
}

describe('ESLint with a flat config using the plugin', () => {
  it('flags the undisclosed collection at its line, and nothing else', async () => {
    const root = project({
      'policy.yaml': 'version: 1\ncollects:\n  - browser.user_agent\n',
      'package.json': '{ "name": "web", "private": true }\n',
      'src/track.ts': [
        "import type { Request } from 'express';",
        '',
        'export function describeClient(req: Request): string {',
        '  const agent: string = navigator.userAgent;',
        '  const where = navigator.geolocation;',
        '  return `${agent} ${String(where)} ${req.method}`;',
        '}',
        '',
      ].join('\n'),
      'src/format.js': 'export const format = (n) => n.toFixed(2);\n',
    });
    const eslint = new ESLint({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tsParser } }, privacyLint.configs.recommended],
    });
    const results = await eslint.lintFiles(['src']);
    expect(results.map((r) => path.basename(r.filePath)).sort()).toEqual(['format.js', 'track.ts']);
    expect(results.flatMap((r) => r.messages.map((m) => `${path.basename(r.filePath)}:${m.line}:${m.column} ${m.severity} ${m.message}`))).toEqual([
      "track.ts:5:17 2 Reads the device's position (navigator.geolocation); policy.yaml does not disclose location.precise",
    ]);
    expect(asFindings(results, root)).toEqual(checkReports(root, [], /\.(js|ts)$/));
  });

  it('reports on the demo app exactly what check reports in its JavaScript and TypeScript files', async () => {
    const demo = path.join(REPO, 'fixtures/demo-app');
    const eslint = new ESLint({
      cwd: demo,
      overrideConfigFile: true,
      overrideConfig: [
        { files: ['**/*.{ts,tsx}'], languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } } },
        { plugins: { 'privacy-lint': privacyLint }, rules: { 'privacy-lint/undisclosed-collection': ['error', { policy: 'policy.seed-001.yaml' }] } },
      ],
    });
    const linted = await eslint.lintFiles(['src', 'server']);
    const expected = checkReports(demo, ['--policy', 'policy.seed-001.yaml'], /^(src|server)\/.*\.(ts|tsx)$/);
    // App Center's default collection sits in package.json for check, so the import in App.tsx must not carry it.
    expect(expected.some((f) => f.file === 'src/App.tsx')).toBe(true);
    expect(asFindings(linted, demo)).toEqual(expected);
  });

  it('judges an unsaved editor buffer as check would judge the file once saved', async () => {
    const demo = path.join(REPO, 'fixtures/demo-app');
    const original = fs.readFileSync(path.join(demo, 'src/App.tsx'), 'utf8');
    const edited = original.replace('  useEffect(() => {\n', '  useEffect(() => {\n    DeviceInfo.getAndroidId().then(setModel);\n');
    expect(edited).not.toBe(original);
    const saved = project({});
    fs.cpSync(demo, saved, { recursive: true });
    fs.writeFileSync(path.join(saved, 'src/App.tsx'), edited);

    const eslint = new ESLint({
      cwd: demo,
      overrideConfigFile: true,
      overrideConfig: [
        { files: ['**/*.tsx'], languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } } },
        { plugins: { 'privacy-lint': privacyLint }, rules: { 'privacy-lint/undisclosed-collection': ['error', { policy: 'policy.seed-001.yaml' }] } },
      ],
    });
    const linted = await eslint.lintText(edited, { filePath: path.join(demo, 'src/App.tsx') });
    const expected = checkReports(saved, ['--policy', 'policy.seed-001.yaml'], /^src\/App\.tsx$/);
    expect(expected.map((f) => f.message)).toContain('Reads the Android ID; policy.yaml does not disclose device.id.android_id');
    expect(asFindings(linted, demo)).toEqual(expected);
  });

  it('moves an SDK default collection to the file that now comes first, once that file is linted', async () => {
    const root = project({
      'policy.yaml': 'version: 1\ncollects: []\n',
      'src/b.js': "import Analytics from 'appcenter-analytics';\nAnalytics.trackEvent('b');\n",
      'src/c.js': 'export const c = 1;\n',
    });
    const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: [privacyLint.configs.recommended] });
    const lint = async () => asFindings(await eslint.lintFiles(['src']), root);

    expect(await lint()).toEqual(checkReports(root, [], /\.js$/));
    expect((await lint()).filter((f) => f.file === 'src/b.js' && f.message.includes('by default'))).toHaveLength(3);

    // a.js sorts before b.js: check now reports App Center's default collection there.
    fs.writeFileSync(path.join(root, 'src/a.js'), "import Crashes from 'appcenter-crashes';\nCrashes.trackError(new Error('a'));\n");
    fs.writeFileSync(path.join(root, 'src/c.js'), "import Analytics from 'appcenter-analytics';\n");
    await eslint.lintFiles(['src/a.js']);
    const after = await lint();
    expect(after).toEqual(checkReports(root, [], /\.js$/));
    expect(after.filter((f) => f.file === 'src/b.js' && f.message.includes('by default'))).toEqual([]);
  });

  it('reads the policy named in the rule options relative to the ESLint working directory', async () => {
    const root = project({
      'config/privacy.yaml': 'version: 1\ncollects:\n  - location.precise\n',
      'src/geo.js': 'navigator.geolocation.getCurrentPosition(show);\nexport const agent = navigator.userAgent;\n',
    });
    const eslint = new ESLint({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: [{ plugins: { 'privacy-lint': privacyLint }, rules: { 'privacy-lint/undisclosed-collection': ['error', { policy: 'config/privacy.yaml' }] } }],
    });
    const [result] = await eslint.lintFiles(['src/geo.js']);
    expect(result!.messages.map((m) => `${m.line}:${m.column} ${m.message}`)).toEqual([
      "2:22 Reads the browser's user agent string; policy.yaml does not disclose browser.user_agent",
    ]);
  });
});
