import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../src/config/catalog.js';
import { loadRules } from '../src/config/rules.js';
import { sdkDefaultRules } from '../src/engine/sdk-defaults.js';
import { getReporter } from '../src/reporters/index.js';
import type { ReportContext } from '../src/reporters/types.js';
import type { Finding, Policy, RuleDefinition, ScanResult } from '../src/types.js';
import { REPO, runCli } from './helpers/cli.js';

const DEMO = path.join(REPO, 'fixtures/demo-app');
const RULES = new Map([...loadRules().rules, ...sdkDefaultRules(loadCatalog().sdks.values())].map((r) => [r.id, r]));

function finding(partial: Partial<Finding> & Pick<Finding, 'rule' | 'file' | 'line' | 'column'>): Finding {
  return {
    category: null,
    thirdParty: null,
    status: 'disclosed',
    problems: [],
    endLine: partial.line,
    endColumn: partial.column + 10,
    evidence: 'evidence',
    message: 'a message',
    ...partial,
  };
}

/** SDK default findings as the engine emits them: one per category at the SDK's first presence. */
function defaults(sdk: string, at: Pick<Finding, 'file' | 'line' | 'column' | 'endColumn' | 'evidence'>, categories: string[], rest: Partial<Finding>): Finding[] {
  return categories.map((category) =>
    finding({ rule: `sdk-defaults/${sdk}`, category, thirdParty: sdk, endLine: at.line, message: `${sdk} collects ${category} by default`, ...at, ...rest }),
  );
}

/**
 * One result with every shape a reporter meets: an unlisted SDK (defaults and presence at one
 * place, presence again elsewhere), a listed SDK missing some receives, a contradiction, the app's
 * own undisclosed, disclosed and suppressed collection, an unused declaration and a parse warning.
 * Its files are the demo app's, so code frames are real.
 */
const CANONICAL: ScanResult = {
  version: 1,
  tool: { name: 'privacy-lint', version: '0.1.0' },
  policy: 'policy.yaml',
  findings: [
    ...defaults('appcenter', { file: 'package.json', line: 7, column: 5, endColumn: 25, evidence: '"appcenter": "5.0.1"' }, ['location.coarse', 'network.ip'], {
      status: 'undisclosed',
      problems: ['undisclosed-third-party', 'undisclosed-sharing'],
    }),
    finding({ rule: 'sdks/appcenter/package', file: 'package.json', line: 7, column: 5, endColumn: 25, thirdParty: 'appcenter', status: 'undisclosed', problems: ['undisclosed-third-party'], message: 'Ships the App Center SDK; policy.yaml does not list appcenter under third_parties' }),
    finding({ rule: 'sdks/appcenter/package', file: 'package.json', line: 8, column: 5, endColumn: 35, thirdParty: 'appcenter', status: 'undisclosed', problems: ['undisclosed-third-party'], message: 'Ships the App Center SDK; policy.yaml does not list appcenter under third_parties' }),
    finding({ rule: 'node/request-ip/request-ip', file: 'server/index.ts', line: 10, column: 9, endColumn: 15, category: 'network.ip', evidence: 'req.ip', message: "Reads the client's IP address from the request" }),
    finding({ rule: 'react-native-device-info/model-and-os', file: 'src/App.tsx', line: 13, column: 17, endColumn: 38, category: 'device.info', status: 'undisclosed', problems: ['undisclosed-category'], evidence: 'DeviceInfo.getBrand()', message: 'Reads device model, maker or OS details; policy.yaml does not disclose device.info' }),
    finding({ rule: 'react-native-device-info/model-and-os', file: 'src/App.tsx', line: 13, column: 42, endColumn: 63, category: 'device.info', status: 'suppressed', problems: ['undisclosed-category'], evidence: 'DeviceInfo.getModel()', message: 'Reads device model, maker or OS details; policy.yaml does not disclose device.info' }),
    ...defaults('umeng', { file: 'src/analytics/umeng.ts', line: 4, column: 9, endColumn: 26, evidence: 'UMAnalyticsModule' }, ['device.id.android_id'], {
      status: 'undisclosed',
      problems: ['undisclosed-sharing', 'contradicted'],
    }),
    ...defaults('umeng', { file: 'src/analytics/umeng.ts', line: 4, column: 9, endColumn: 26, evidence: 'UMAnalyticsModule' }, ['device.id.imei', 'device.id.mac'], {
      status: 'undisclosed',
      problems: ['undisclosed-sharing'],
    }),
    ...defaults('umeng', { file: 'src/analytics/umeng.ts', line: 4, column: 9, endColumn: 26, evidence: 'UMAnalyticsModule' }, ['network.ip'], {}),
    finding({ rule: 'sdks/umeng/native-module', file: 'src/analytics/umeng.ts', line: 4, column: 9, endColumn: 26, thirdParty: 'umeng', evidence: 'UMAnalyticsModule', message: 'Calls the Umeng+ SDK through its React Native native module' }),
  ],
  unused: [
    { category: 'locale.language', thirdParty: null },
    { category: null, thirdParty: 'sentry' },
  ],
  warnings: [{ file: 'src/broken.ts', message: 'could not parse: Unexpected token (searched as text)' }],
  summary: { files: 5, findings: 12, undisclosed: 8, suppressed: 1, baselined: 0 },
};

const POLICY: Policy = {
  path: path.join(DEMO, 'policy.yaml'),
  app: 'Seedling',
  collects: [
    { category: 'network.ip', purposes: ['security'], line: 4 },
    { category: 'locale.language', purposes: [], line: 5 },
  ],
  doesNotCollect: [{ category: 'device.id.android_id', purposes: [], line: 7 }],
  thirdParties: [
    { sdk: 'umeng', receives: ['network.ip'], purposes: ['analytics'], line: 9 },
    { sdk: 'sentry', receives: [], purposes: [], line: 11 },
  ],
  scan: { include: [], exclude: [], rules: [] },
};

const CTX: ReportContext = { rules: RULES, root: DEMO, color: false, policy: POLICY };

async function render(format: string, result: ScanResult = CANONICAL, ctx: ReportContext = CTX): Promise<string> {
  return (await getReporter(format))(result, ctx);
}

/** A result whose file name, evidence and message carry every character some format treats specially. */
const HOSTILE_FILE = 'src/we|rd <b>%0A,name:`x`.ts';
const HOSTILE: ScanResult = {
  ...CANONICAL,
  findings: [
    finding({
      rule: 'web/user-agent/navigator-user-agent',
      file: HOSTILE_FILE,
      line: 2,
      column: 3,
      category: 'browser.user_agent',
      status: 'undisclosed',
      problems: ['undisclosed-category'],
      evidence: '<script>alert(1)</script> | **bold** ``` ',
      message: 'Reads <script>alert("x")</script> | 100% & more\nsecond line, with: colons',
    }),
  ],
  unused: [],
  warnings: [],
  summary: { files: 1, findings: 1, undisclosed: 1, suppressed: 0, baselined: 0 },
};

describe('stylish', () => {
  it('shows an SDK’s default collection at one place as one entry, with the SDK’s short name', async () => {
    const out = await render('stylish');
    const umeng = out.split('\n').filter((l) => l.includes('sdk-defaults/umeng'));
    // Two entries: the contradicted category apart from the two that are merely not in receives.
    expect(umeng).toHaveLength(2);
    expect(umeng[1]).toContain('Umeng+ collects by default, with no call in app code: device.id.imei, device.id.mac');
    expect(umeng[1]).toContain('policy.yaml does not say that umeng receives them');
    expect(umeng[0]).toContain('promises never to collect it');
    expect(out).not.toContain('U-App analytics');
    expect(out.split('\n').filter((l) => l.includes('sdk-defaults/appcenter'))).toHaveLength(1);
  });

  it('shows each place once with a code frame, and a fix only when it adds something', async () => {
    const out = await render('stylish');
    expect(out.match(/> 7 \|/g)).toHaveLength(1);
    expect(out).toContain('fix: add to policy.yaml:');
    expect(out).toMatch(/- sdk: appcenter\n\s+receives: \[location\.coarse, network\.ip\]/);
    // package.json:8 needs only "- sdk: appcenter", which the fix at line 7 already gave.
    const line8 = out.slice(out.indexOf('8:5'), out.indexOf('src/App.tsx'));
    expect(line8).not.toContain('fix:');
    expect(out).toContain('add device.id.imei, device.id.mac to the receives list of umeng under third_parties');
    expect(out).toContain('the code breaks a promise: remove the collection of device.id.android_id');
  });

  it('hides what is disclosed or suppressed when a policy was given, and lists unused declarations', async () => {
    const out = await render('stylish');
    expect(out).not.toContain('request-ip');
    expect(out).not.toContain('13:42');
    expect(out).toContain('declared but not found in the code: third party sentry');
    expect(out).toContain('✖ 8 undisclosed findings in 5 files against policy.yaml (3 disclosed, 1 suppressed, 2 unused declarations)');
  });

  it('matches its reviewed snapshot', async () => {
    await expect(await render('stylish')).toMatchFileSnapshot('snapshots/canonical.stylish.txt');
  });
});

describe('a permission an SDK needs', () => {
  // READ_PHONE_STATE declared in the manifest, and Umeng (not yet in the policy) collecting the IMEI.
  const permission: RuleDefinition = { id: 'android/read-phone-state', title: 'READ_PHONE_STATE', category: 'device.id.imei', sdk: null, message: 'Declares READ_PHONE_STATE', match: [{ type: 'permission', names: ['android.permission.READ_PHONE_STATE'] }], docs: 'https://developer.android.com', source: 'android', line: 1 };
  const result: ScanResult = {
    ...CANONICAL,
    findings: [
      finding({ rule: permission.id, file: 'android/app/src/main/AndroidManifest.xml', line: 6, column: 5, category: 'device.id.imei', status: 'undisclosed', problems: ['undisclosed-category'], message: 'Declares READ_PHONE_STATE; policy.yaml does not disclose device.id.imei' }),
      ...defaults('umeng', { file: 'src/analytics/umeng.ts', line: 4, column: 9, endColumn: 26, evidence: 'UMAnalyticsModule' }, ['device.id.imei'], { status: 'undisclosed', problems: ['undisclosed-third-party', 'undisclosed-sharing'] }),
    ],
    unused: [],
    warnings: [],
    summary: { files: 2, findings: 2, undisclosed: 2, suppressed: 0, baselined: 0 },
  };
  const ctx: ReportContext = { ...CTX, rules: new Map([...RULES, [permission.id, permission]]) };

  it("is disclosed through the SDK's receives: the fix does not claim the app reads the IMEI", async () => {
    const out = await render('stylish', result, ctx);
    expect(out).toContain("fix: declaring device.id.imei in umeng's receives discloses this permission, since the app declares it for the SDK; add it under collects only if the app itself reads it");
    expect(out).not.toMatch(/collects:\n\s+- device\.id\.imei/);
  });

  it('is shown as declared access in the audit, apart from what the code reads', async () => {
    const md = await render('markdown', result, ctx);
    expect(md).toContain('| IMEI / MEID / ESN `device.id.imei` | the app (declared access) | `android/app/src/main/AndroidManifest.xml:6` |');
    expect(md).toContain('The app also declares access (permissions or usage strings) to IMEI / MEID / ESN.');
    expect(md).toContain('which Umeng+ collects too: saying that Umeng+ receives it discloses this access, unless the app also reads it itself.');
  });
});

describe('sarif', () => {
  const log = async (result: ScanResult = CANONICAL) => JSON.parse(await render('sarif', result)) as Log;

  it('describes every rule it reports, from the rule YAML', async () => {
    const run = (await log()).runs[0]!;
    const rules = run.tool.driver.rules!;
    expect(rules.map((r) => r.id)).toEqual([...new Set(CANONICAL.findings.map((f) => f.rule))].sort().concat('policy/unused-declaration'));
    const ip = rules.find((r) => r.id === 'node/request-ip/request-ip')!;
    const yaml = RULES.get('node/request-ip/request-ip')!;
    expect(ip.helpUri).toBe(yaml.docs);
    expect(ip.shortDescription!.text).toBe(`${yaml.title}.`.replace(/\.\.$/, '.'));
    expect(ip.fullDescription!.text).toContain(yaml.why!.replace(/\.$/, ''));
    // The pseudo-rule for Umeng's defaults points at the catalog; SARIF gets a real URL instead.
    expect(rules.find((r) => r.id === 'sdk-defaults/umeng')!.helpUri).toMatch(/^https:\/\//);
    for (const result of run.results!) expect(rules[result.ruleIndex!]!.id).toBe(result.ruleId);
  });

  it('marks undisclosed findings as errors and everything else as notes', async () => {
    const results = (await log()).runs[0]!.results!;
    const levels = results.map((r) => `${r.level} ${(r.properties as { status?: string }).status ?? 'unused'}`);
    expect(levels.filter((l) => l.startsWith('error'))).toHaveLength(8);
    expect(levels.every((l) => l.startsWith('error undisclosed') || l.startsWith('note'))).toBe(true);
    const suppressed = results.find((r) => (r.properties as { status?: string }).status === 'suppressed')!;
    expect(suppressed.suppressions).toEqual([{ kind: 'inSource' }]);
  });

  it('uses URIs relative to %SRCROOT% and places unused declarations on their policy line', async () => {
    const run = (await log()).runs[0]!;
    expect(run.originalUriBaseIds).toHaveProperty('%SRCROOT%');
    const locations = run.results!.map((r) => r.locations![0]!.physicalLocation!);
    for (const l of locations) {
      expect(l.artifactLocation!.uriBaseId).toBe('%SRCROOT%');
      expect(path.isAbsolute(l.artifactLocation!.uri!)).toBe(false);
    }
    const unused = run.results!.filter((r) => r.ruleId === 'policy/unused-declaration');
    expect(unused.map((r) => [r.locations![0]!.physicalLocation!.artifactLocation!.uri, r.locations![0]!.physicalLocation!.region?.startLine])).toEqual([
      ['policy.yaml', 5],
      ['policy.yaml', 11],
    ]);
    const hostile = (await log(HOSTILE)).runs[0]!.results![0]!.locations![0]!.physicalLocation!.artifactLocation!.uri!;
    expect(decodeURIComponent(hostile.split('/').at(-1)!)).toBe(path.basename(HOSTILE_FILE));
    expect(hostile).not.toMatch(/[ <>|`]/);
  });

  it('keeps fingerprints when code moves and tells identical findings apart', async () => {
    const moved: ScanResult = { ...CANONICAL, findings: CANONICAL.findings.map((f) => ({ ...f, line: f.line + 12, endLine: f.endLine + 12 })) };
    const prints = (l: Log) => l.runs[0]!.results!.map((r) => r.partialFingerprints!['privacyLintFinding/v1']);
    const before = prints(await log());
    expect(prints(await log(moved))).toEqual(before);
    expect(new Set(before).size).toBe(before.length);
    const edited: ScanResult = { ...CANONICAL, findings: CANONICAL.findings.map((f) => (f.rule === 'node/request-ip/request-ip' ? { ...f, evidence: 'request.ip' } : f)) };
    expect(prints(await log(edited)).filter((p, i) => p !== before[i])).toHaveLength(1);
  });

  it("passes Microsoft's SARIF validator with zero errors on the demo app", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'privacy-lint-sarif-'));
    const sarifFile = path.join(dir, 'demo.sarif');
    const run = runCli(['check', 'fixtures/demo-app', '--policy', 'fixtures/demo-app/policy.seed-001.yaml', '--format', 'sarif', '--output', sarifFile]);
    expect(run.status).toBe(1);
    expect((JSON.parse(fs.readFileSync(sarifFile, 'utf8')) as Log).runs[0]!.results!.length).toBeGreaterThan(0);
    // The npm package resolves to the platform's native validator binary.
    const validator = createRequire(import.meta.url)('@microsoft/sarif-multitool') as string;
    const logFile = path.join(dir, 'validation.sarif');
    const validation = spawnSync(validator, ['validate', sarifFile, '--output', logFile], { encoding: 'utf8' });
    expect(validation.status, validation.stderr + validation.stdout).toBe(0);
    const findings = (JSON.parse(fs.readFileSync(logFile, 'utf8')) as Log).runs[0]!.results ?? [];
    const errors = findings.filter((r) => r.level === 'error').map((r) => `${r.ruleId}: ${JSON.stringify(r.message)}`);
    expect(errors).toEqual([]);
  });
});

describe('github', () => {
  const commands = async (result: ScanResult = CANONICAL) => (await render('github', result)).trimEnd().split('\n');

  it('writes one annotation per undisclosed entry, notices for unused declarations and warnings for parse failures', async () => {
    const lines = await commands();
    const errors = lines.filter((l) => l.startsWith('::error '));
    // 8 undisclosed findings; App Center's two defaults share an entry, as do Umeng's imei and mac.
    expect(errors).toHaveLength(6);
    expect(errors[0]).toMatch(/^::error file=package\.json,line=7,col=5,endLine=7,endColumn=25,title=privacy-lint sdk-defaults\/appcenter::Visual Studio App Center collects by default/);
    expect(lines.filter((l) => l.startsWith('::notice '))).toHaveLength(2);
    expect(lines.filter((l) => l.startsWith('::warning '))).toEqual(['::warning file=src/broken.ts,title=privacy-lint::could not parse%3A Unexpected token (searched as text)'.replace('%3A', ':')]);
    expect(lines.at(-1)).toBe('privacy-lint: 8 undisclosed of 12 findings in 5 files against policy.yaml');
  });

  it('says so when GitHub will not show every annotation', async () => {
    const many: ScanResult = {
      ...HOSTILE,
      findings: Array.from({ length: 11 }, (_, i) => ({ ...HOSTILE.findings[0]!, file: `src/f${i}.ts` })),
    };
    const lines = await commands(many);
    expect(lines.filter((l) => l.startsWith('::error '))).toHaveLength(11);
    expect(lines.at(-2)).toMatch(/^::warning title=privacy-lint::11 undisclosed entries, but GitHub shows only the first 10/);
    expect((await commands()).some((l) => l.includes('GitHub shows only'))).toBe(false);
  });

  it('escapes properties and messages as the Actions runner expects', async () => {
    const [line] = await commands(HOSTILE);
    const match = /^::error (?<props>[^:]*)::(?<message>.*)$/.exec(line!);
    expect(match).not.toBeNull();
    const file = /file=([^,]*)/.exec(match!.groups!.props!)![1]!;
    expect(file).toBe(HOSTILE_FILE.replace(/%/g, '%25').replace(/:/g, '%3A').replace(/,/g, '%2C'));
    const unescape = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
    expect(unescape(file)).toBe(HOSTILE_FILE);
    expect(match!.groups!.message).not.toContain('\n');
    expect(unescape(match!.groups!.message!)).toContain('100% & more\nsecond line, with: colons');
  });
});

describe('markdown', () => {
  it('renders the audit: summary, inventory, SDKs, undisclosed places with code, unused declarations', async () => {
    const md = await render('markdown');
    expect(md).toMatch(/^# Privacy audit: Seedling\n/);
    expect(md).toContain('The app includes 2 third-party SDKs: Visual Studio App Center and Umeng+.');
    expect(md).toContain('- The policy promises never to collect Android ID (device.id.android\\_id), but the code does: src/analytics/umeng.ts:4.');
    const inventory = md.slice(md.indexOf('## Data inventory'), md.indexOf('## Third-party SDKs'));
    expect(inventory).toContain('| Client public IP address `network.ip` | the app | `server/index.ts:10` | Disclosed | security |');
    expect(inventory).toContain('| IMEI / MEID / ESN `device.id.imei` | Umeng+ (by default) | `src/analytics/umeng.ts:4` | **Not disclosed**: not in the SDK\'s receives | analytics |');
    expect(inventory).toContain('| Device properties `device.info` | the app | `src/App.tsx:13` | **Not disclosed**: not declared under collects | – |');
    expect(md).toContain('- Listed under third_parties: yes, receives `network.ip`');
    expect(md).toContain('> 4 | const { UMAnalyticsModule, RNUMConfigure } = NativeModules;');
    expect(md).toContain('## Unused declarations');
  });

  it('escapes text and fences code so nothing from the code becomes markup', async () => {
    const md = await render('markdown', HOSTILE);
    expect(md).not.toContain('<script>');
    expect(md).toContain('Reads \\<script\\>alert("x")\\</script\\> \\| 100% \\& more second line');
    const cell = md.split('\n').find((l) => l.startsWith('| User-Agent'))!;
    // Every unescaped pipe is a cell boundary: six of them for five columns.
    expect(cell.match(/(?<!\\)\|/g)).toHaveLength(6);
  });

  it('matches its reviewed snapshot', async () => {
    await expect(await render('markdown')).toMatchFileSnapshot('snapshots/canonical.md');
  });
});

describe('html', () => {
  it('is one self-contained page: no scripts, no external resources, a CSP that forbids loading', async () => {
    const html = await render('html');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|url\(/i);
    expect(html).toContain('<table id="inventory">');
    expect(html).toMatch(/<tr data-category="device\.id\.imei" data-collector="umeng" data-status="undisclosed">/);
  });

  it('escapes everything from the code and the policy', async () => {
    const html = await render('html', HOSTILE);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<b>');
    expect(html).toContain('Reads &#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;');
  });

  it('matches its reviewed snapshot', async () => {
    await expect(await render('html')).toMatchFileSnapshot('snapshots/canonical.html');
  });
});

describe('formats', () => {
  it('are the ones the contract names', async () => {
    const { FORMATS } = await import('../src/reporters/index.js');
    expect([...FORMATS].sort()).toEqual(['github', 'html', 'json', 'markdown', 'sarif', 'stylish']);
  });
});
