import type { RawFinding } from '../../types.js';
import type { Scanner } from '../scanner.js';
import { LineIndex } from '../text.js';
import { at, entries, items, type JsonEntry, type JsonValue, member, parseJson } from './json-tree.js';
import { lookup, type NamedMatcher, namedFinding } from './named-rules.js';

/** A name a config declares, where it declares it. */
interface Declared {
  type: NamedMatcher;
  names: string[];
  start: number;
  end: number;
}

/**
 * Cross-platform app configs that declare native capabilities: Expo `app.json` / `app.config.json`
 * (`ios.infoPlist`, `ios.entitlements`, `android.permissions`), WeChat mini-program `app.json` and
 * `ext.json` (`requiredPrivateInfos`, `permission`), and uni-app `manifest.json` (Android
 * permissions and iOS purpose strings under `app-plus.distribute`, WeChat declarations under
 * `mp-weixin`). Each is recognised by its content, so another `app.json` or a web app
 * `manifest.json` yields nothing. Prefixed copies (`staging.app.json`) are read too.
 */
export const appConfigScanner: Scanner = {
  scan(input, ctx) {
    const json = parseJson(input.text, input.file);
    if (json.error) return { findings: [], warnings: [{ file: input.file, message: `could not parse as JSON (${json.error}); its declarations were not checked` }] };
    const lines = new LineIndex(input.text);
    const findings: RawFinding[] = [];
    for (const d of declarations(json.root, input.file)) {
      for (const rule of lookup(ctx.index, d.type, d.names)) findings.push(namedFinding(lines, rule, input.file, d.start, d.end, d.type));
    }
    return { findings, warnings: [] };
  },
};

function declarations(root: JsonValue | undefined, file: string): Declared[] {
  const expo = member(root, 'expo') ?? (/app\.config\.json$/i.test(file) && member(root, 'slug') ? root : undefined);
  if (expo) {
    return [
      ...items(at(expo, ['android', 'permissions'])).flatMap((p) => (p.kind === 'string' ? [permission(p.value, p)] : [])),
      ...plistEntries(at(expo, ['ios', 'infoPlist'])),
      ...plistEntries(at(expo, ['ios', 'entitlements'])),
    ];
  }
  const uniApp = member(root, 'app-plus');
  const weixin = member(root, 'mp-weixin');
  if (uniApp || weixin) {
    const distribute = member(uniApp, 'distribute');
    return [
      ...items(at(distribute, ['android', 'permissions'])).flatMap(uniAppPermissions),
      ...plistEntries(at(distribute, ['ios', 'privacyDescription'])),
      ...backgroundModes(at(distribute, ['ios', 'UIBackgroundModes'])),
      ...miniProgram(weixin),
    ];
  }
  const isMiniProgram = member(root, 'pages')?.kind === 'array' || member(root, 'extEnable') !== undefined || member(root, 'requiredPrivateInfos') !== undefined;
  return isMiniProgram ? miniProgram(root) : [];
}

/** Expo and Android accept `ACCESS_FINE_LOCATION` for `android.permission.ACCESS_FINE_LOCATION`. */
function permission(name: string, node: JsonValue): Declared {
  return { type: 'permission', names: [name.includes('.') ? name : `android.permission.${name}`], start: node.start, end: node.end };
}

/** uni-app writes each permission as the manifest line itself: `<uses-permission android:name=\"...\"/>`. */
function uniAppPermissions(node: JsonValue): Declared[] {
  if (node.kind !== 'string') return [];
  const name = /<uses-permission(?:-sdk-23)?\b[^>]*\bandroid:name\s*=\s*["']([^"']+)["']/.exec(node.value)?.[1];
  return name ? [permission(name, node)] : [];
}

function plistEntries(dict: JsonValue | undefined): Declared[] {
  return entries(dict)
    .filter((e) => !(e.value.kind === 'boolean' && !e.value.value))
    .map((e: JsonEntry) => ({
      type: 'plist-key' as const,
      names: [e.key, ...stringsOf(e.value).map((v) => `${e.key}=${v}`)],
      start: e.keyStart,
      end: e.keyEnd,
    }));
}

function backgroundModes(modes: JsonValue | undefined): Declared[] {
  return items(modes).flatMap((m) => (m.kind === 'string' ? [{ type: 'plist-key' as const, names: [`UIBackgroundModes=${m.value}`], start: m.start, end: m.end }] : []));
}

/** `requiredPrivateInfos` entries and `permission` scopes of a WeChat mini-program config. */
function miniProgram(config: JsonValue | undefined): Declared[] {
  return [
    ...items(member(config, 'requiredPrivateInfos')).flatMap((i) => (i.kind === 'string' ? [{ type: 'mp-private-info' as const, names: [i.value], start: i.start, end: i.end }] : [])),
    ...entries(member(config, 'permission')).map((e) => ({ type: 'mp-private-info' as const, names: [e.key], start: e.keyStart, end: e.keyEnd })),
  ];
}

function stringsOf(value: JsonValue): string[] {
  if (value.kind === 'string') return [value.value];
  return items(value).flatMap((v) => (v.kind === 'string' ? [v.value] : []));
}
