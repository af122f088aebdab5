import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../src/config/policy.js';
import { ConfigError } from '../src/errors.js';
import { scan } from '../src/index.js';

const VALID_POLICY = `version: 1
app: Example
collects:
  - network.ip
  - category: location.precise
    purposes: [navigation]
does_not_collect:
  - location.background
third_parties:
  - sdk: umeng
    receives: [device.id, location, network.ip]
scan:
  include: ["src/**"]
`;

/** The loader may accept or reject a policy, but only ever with a ConfigError. */
function loadsOrRejectsCleanly(text: string): boolean {
  try {
    parsePolicy(text, 'policy.yaml');
    return true;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.every((p) => p.file === 'policy.yaml' && p.line >= 1 && p.column >= 1);
  }
}

const YAML_ALPHABET = [...'abcdefghijklmnopqrstuvwxyz._-0123456789 :[]{},#&*!|>\'"\n\t-?%@`'];

describe('policy loader under random input', () => {
  it('random text: accepted or rejected with a located ConfigError, never a crash', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...YAML_ALPHABET), maxLength: 200 }), loadsOrRejectsCleanly), { numRuns: 3000 });
  });

  it('mutations of a valid policy: same guarantee', () => {
    const mutation = fc.record({ at: fc.nat(VALID_POLICY.length), remove: fc.nat(8), insert: fc.string({ unit: fc.constantFrom(...YAML_ALPHABET), maxLength: 8 }) });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        let text = VALID_POLICY;
        for (const m of mutations) text = text.slice(0, m.at) + m.insert + text.slice(m.at + m.remove);
        return loadsOrRejectsCleanly(text);
      }),
      { numRuns: 3000 },
    );
  });
});

const FRAGMENTS = [
  'navigator.userAgent', 'navigator.geolocation.getCurrentPosition(cb)', 'window.navigator.language', 'document.cookie = x',
  "import DeviceInfo from 'react-native-device-info';", "const { getUniqueId } = require('react-native-device-info');",
  'DeviceInfo.getUniqueId()', "import('appcenter-analytics').then((m) => m.default.trackEvent('a', { id }))", 'req.ip', "req.headers['user-agent']",
  'const geo = navigator.geolocation;', 'geo.watchPosition(f)', '{', '}', '(', ')', '[', ']', ';', '\n', ' ', ',', '=>', 'const x =', 'let', 'function f(navigator) {',
  '// navigator.userAgent', '/* comment */', '"string"', '`template ${', '?.', '!', 'await', 'export default', 'class A {', 'typeof', 'x.call(y)', '.bind(this)',
  '<div>', '</div>', 'type T = {', 'as any', '#private', '\u2028', '\uFEFF', 'privacy-lint-disable-next-line web -- reason',
];

describe('scanner under random input', () => {
  it('random token soup: never crashes, and the same input gives the same output', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }), fc.constantFrom('a.js', 'b.ts', 'c.tsx', 'd.jsx'), async (parts, name) => {
        const text = parts.join(' ');
        const files = [{ path: name, text }];
        const first = await scan({ cwd: '/virtual-project', policy: false, files });
        const second = await scan({ cwd: '/virtual-project', policy: false, files });
        expect(JSON.stringify(second)).toBe(JSON.stringify(first));
      }),
      { numRuns: 4000 },
    );
  }, 300_000);
});
