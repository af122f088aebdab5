import type { ScopeManager, Variable } from '@typescript-eslint/scope-manager';
import type { TSESTree } from '@typescript-eslint/types';
import { createRequire } from 'node:module';
import type { RawFinding, RuleDefinition } from '../../types.js';
import type { CompiledConditions, JsTables, RuleIndex } from '../rule-index.js';
import { type Chain, ChainResolver, type ExportTable, type ProjectLinks, patternPath, propertyKey, propertyName, requireSpecifier, type Root, type Segment } from './references.js';
import { pushTo } from '../../map-of-lists.js';

type SimpleTraverse = typeof import('@typescript-eslint/typescript-estree').simpleTraverse;
/** From typescript-estree, which parse.ts has already loaded by the time a file is linted; an ESM import would load the compiler at start-up. */
const simpleTraverse: SimpleTraverse = (...args) => (createRequire(import.meta.url)('@typescript-eslint/typescript-estree') as { simpleTraverse: SimpleTraverse }).simpleTraverse(...args);
type Analyze = typeof import('@typescript-eslint/scope-manager').analyze;
/** Loaded on the first file to analyse: a run that parses nothing (a warm cache, most commits) never pays for it. */
const analyze: Analyze = (...args) => (createRequire(import.meta.url)('@typescript-eslint/scope-manager') as { analyze: Analyze }).analyze(...args);
/** A file's scopes, shared by its export table and its lint when both use one parse. */
const scopes = new WeakMap<TSESTree.Program, ScopeManager>();
function scopesOf(ast: TSESTree.Program): ScopeManager {
  let scopeManager = scopes.get(ast);
  if (!scopeManager) scopes.set(ast, (scopeManager = analyze(ast, { sourceType: ast.sourceType, lib: [], jsxPragma: null })));
  return scopeManager;
}

export interface JsContext {
  /** Path relative to the scan root, for findings. */
  file: string;
  /** Absolute path, for resolving relative imports. */
  absolutePath: string;
  text: string;
  index: RuleIndex;
  links: ProjectLinks;
  /** Dependencies declared in the project's package.json files (gates such as Cordova's `device`). */
  dependencies: ReadonlySet<string>;
}

interface Hit {
  rule: RuleDefinition;
  node: TSESTree.Node;
}

/** Reports one match; `when` carries the matcher's `with`/`without` conditions, checked after the traversal. */
type Report = (rule: RuleDefinition, node: TSESTree.Node, chain?: Chain, when?: CompiledConditions) => void;

/** Node types that continue a reference chain when their parent extends it. */
const CHAIN_TYPES = new Set(['Identifier', 'MemberExpression', 'CallExpression', 'NewExpression', 'ChainExpression', 'TSNonNullExpression', 'ImportExpression']);

/**
 * One traversal of a parsed file: every maximal reference chain is resolved once and looked up in
 * the rule index; import sites, loader URLs and destructuring are checked on the way.
 */
export function lintJs(ast: TSESTree.Program, ctx: JsContext): RawFinding[] {
  const scopeManager = scopesOf(ast);
  const resolver = new ChainResolver(scopeManager, ctx.absolutePath, ctx.links);
  const hits: Hit[] = [];
  const transmitCalls: Hit[] = [];
  /** Rules already reported where a variable was declared, so uses of the alias are not reported again. */
  const reportedAt = new Map<Variable, Set<string>>();
  /** Matches of condition stand-in rules, and matches waiting for their conditions. */
  const conditionHits = new Map<RuleDefinition, TSESTree.Node[]>();
  const pending: { hit: Hit; when: CompiledConditions }[] = [];
  const listedHeaders = new Set<string>();

  const accept = (hit: Hit): void => {
    if (hit.rule.transmits) transmitCalls.push(hit);
    else hits.push(hit);
  };
  const report: Report = (rule, node, chain, when) => {
    if (chain?.reported?.includes(rule.id) || chain?.aliases.some((v) => reportedAt.get(v)?.has(rule.id))) return;
    if (ctx.index.conditionRules.has(rule)) pushTo(conditionHits, rule, node);
    else if (when?.with || when?.without) pending.push({ hit: { rule, node }, when });
    else accept({ rule, node });
  };

  simpleTraverse(
    ast,
    {
      enter(node, parent) {
        switch (node.type) {
          case 'ImportDeclaration':
            if (node.importKind !== 'type') importSite(node.source.value, node, ctx, resolver, report);
            break;
          case 'ExportAllDeclaration':
          case 'ExportNamedDeclaration':
            if (node.source && node.exportKind !== 'type') importSite(node.source.value, node, ctx, resolver, report);
            break;
          case 'ImportExpression':
            if (node.source.type === 'Literal' && typeof node.source.value === 'string') importSite(node.source.value, node, ctx, resolver, report);
            break;
          case 'TSImportEqualsDeclaration':
            if (node.importKind !== 'type' && node.moduleReference.type === 'TSExternalModuleReference') {
              importSite(node.moduleReference.expression.value, node, ctx, resolver, report);
            }
            break;
          case 'CallExpression': {
            const spec = requireSpecifier(node, resolver);
            if (spec !== undefined) importSite(spec, node, ctx, resolver, report);
            break;
          }
          case 'Literal':
            if (typeof node.value === 'string') {
              matchUrl(node.value, node, ctx, report);
              listedHeader(node.value, node, parent, ctx, listedHeaders, report);
            }
            break;
          case 'TemplateElement':
            matchUrl(node.value.cooked ?? node.value.raw, parent?.type === 'TemplateLiteral' ? parent : node, ctx, report);
            break;
          case 'VariableDeclarator':
            if (node.id.type === 'ObjectPattern') destructured(node, scopeManager.getDeclaredVariables(node), resolver, ctx, report, reportedAt);
            break;
          case 'MemberExpression':
            matchMember(node, ctx.index, resolver, report);
            break;
        }
        if (CHAIN_TYPES.has(node.type) && !extendsChain(node, parent)) {
          const chain = resolver.resolve(node);
          if (chain) {
            // `typeof x.y.z` reads nothing; other tests read nothing only about their last member.
            // Testing for an SDK's global still shows the SDK is there, so presence rules keep it.
            const typeOnly = parent?.type === 'UnaryExpression' && parent.operator === 'typeof';
            const tested = existenceTest(node, parent) ? chain.segments.at(-1) : undefined;
            const detectionOnly = (m: ChainMatch) => m.rule.category !== null && (typeOnly || (tested !== undefined && m.segment === tested && !tested.called));
            const written = parent?.type === 'AssignmentExpression' && parent.left === node;
            const rules = matchChain(chain, ctx, written).filter((m) => !detectionOnly(m));
            for (const { rule, segment, when } of rules) report(rule, locate(segment, node), chain, when);
            const declared = aliasTarget(node, parent);
            if (declared && rules.length > 0) {
              for (const v of scopeManager.getDeclaredVariables(declared)) addTo(reportedAt, v, rules.map((r) => r.rule.id));
            }
          }
        }
      },
    },
    true,
  );

  // Judged after the traversal, when every node's parent is linked.
  for (const { hit, when } of pending) if (conditionsHold(hit.node, when, conditionHits)) accept(hit);
  const findings = unique(hits).map((h) => toFinding(h.rule, h.node, ctx, 'code', h.rule.category));
  findings.push(...sharing(transmitCalls, hits, resolver, ctx, scopeManager));
  return findings;
}

/** One hit per rule and node: `(req.headers[h] || '').split(',')` resolves the inner and the outer chain to the same place. */
function unique(hits: Hit[]): Hit[] {
  const seen = new Set<string>();
  return hits.filter((h) => {
    const key = `${h.rule.id}@${h.node.range[0]}:${h.node.range[1]}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** True when `parent` continues the chain that `node` is part of. */
function extendsChain(node: TSESTree.Node, parent: TSESTree.Node | undefined): boolean {
  if (!parent) return false;
  switch (parent.type) {
    case 'MemberExpression':
      return parent.object === node;
    case 'CallExpression':
    case 'NewExpression':
      return parent.callee === node;
    case 'ChainExpression':
    case 'TSNonNullExpression':
      return true;
    default:
      return false;
  }
}

/**
 * `with` and `without` are judged in the outermost function around the match: the unit in which a
 * feature is usually written (a component, a method, a helper), or the whole file at top level.
 */
function conditionsHold(node: TSESTree.Node, when: CompiledConditions, conditionHits: Map<RuleDefinition, TSESTree.Node[]>): boolean {
  const scope = outermostFunction(node);
  const inScope = (rule: RuleDefinition | undefined) => !!rule && (conditionHits.get(rule) ?? []).some((n) => within(n, scope));
  return (!when.with || inScope(when.with)) && !inScope(when.without);
}

function outermostFunction(node: TSESTree.Node): TSESTree.Node {
  let scope: TSESTree.Node | undefined;
  let up: TSESTree.Node | undefined = node.parent;
  for (; up && up.type !== 'Program'; up = up.parent) {
    if (up.type === 'FunctionDeclaration' || up.type === 'FunctionExpression' || up.type === 'ArrowFunctionExpression') scope = up;
  }
  return scope ?? up ?? node;
}

/**
 * `member` matchers: a property by name on a receiver that is not an import or a value the file
 * built itself (`canvas.toDataURL()`, `this.pc.onicecandidate = …`).
 */
function matchMember(node: TSESTree.MemberExpression, index: RuleIndex, resolver: ChainResolver, report: Report): void {
  const name = propertyName(node);
  if (name === undefined) return;
  const entries = [...(index.members.get(name) ?? []), ...(index.contextual.members.get(name) ?? [])];
  if (entries.length === 0) return;
  const receiver = resolver.resolve(node.object);
  const builtHere = !!receiver && (receiver.root.kind === 'module' || receiver.root.kind === 'file' || receiver.root.kind === 'value');
  const call = invocationOf(node);
  for (const entry of entries) {
    // A condition only qualifies other evidence, so there any receiver counts (`FONTS.filter(…)`).
    if (builtHere && !index.conditionRules.has(entry.rule)) continue;
    if (entry.kind === 'call' ? !call : entry.kind === 'read' && call) continue;
    const arg = call && resolver.argumentValue(call.arguments[call.callee === node ? 0 : 1]);
    if (entry.when?.argPattern && !(arg !== undefined && entry.when.argPattern.test(String(arg)))) continue;
    report(entry.rule, call ?? node, undefined, entry.when);
  }
}

/** The call that invokes this member: `x.m()`, `x.m!()`, or `X.prototype.m.call(x)`. */
function invocationOf(node: TSESTree.MemberExpression): TSESTree.CallExpression | undefined {
  let callee: TSESTree.Node = node;
  let up = node.parent;
  while (up?.type === 'TSNonNullExpression') {
    callee = up;
    up = up.parent;
  }
  if (up?.type === 'CallExpression' && up.callee === callee) return up;
  if (up?.type === 'MemberExpression' && up.object === callee && ['call', 'apply'].includes(propertyName(up) ?? '')) {
    return up.parent?.type === 'CallExpression' && up.parent.callee === up ? up.parent : undefined;
  }
  return undefined;
}

/**
 * True when the expression is only tested for existence (`if (navigator.geolocation)`,
 * `!x`, `x && …`, `x !== undefined`): feature detection reads no data.
 */
function existenceTest(node: TSESTree.Node, parent: TSESTree.Node | undefined): boolean {
  switch (parent?.type) {
    case 'IfStatement':
    case 'ConditionalExpression':
    case 'WhileStatement':
    case 'DoWhileStatement':
      return parent.test === node;
    case 'UnaryExpression':
      return parent.operator === '!';
    case 'LogicalExpression':
      return parent.operator === '&&' && parent.left === node;
    case 'BinaryExpression': {
      const other = parent.left === node ? parent.right : parent.left;
      const nothing = (other.type === 'Identifier' && other.name === 'undefined') || (other.type === 'Literal' && other.value === null);
      return ['===', '!==', '==', '!='].includes(parent.operator) && nothing;
    }
    default:
      return false;
  }
}

/** The declarator whose variable simply holds this chain's value (`const geo = navigator.geolocation`). */
function aliasTarget(node: TSESTree.Node, parent: TSESTree.Node | undefined): TSESTree.VariableDeclarator | undefined {
  let current: TSESTree.Node = node;
  let up = parent;
  const holds = (n: TSESTree.Node) =>
    n.type === 'AwaitExpression' || n.type === 'TSAsExpression' || n.type === 'TSNonNullExpression' || (n.type === 'LogicalExpression' && n.operator !== '&&' && n.left === current);
  while (up && holds(up)) {
    current = up;
    up = up.parent;
  }
  return up?.type === 'VariableDeclarator' && up.init === current ? up : undefined;
}

interface ChainMatch {
  rule: RuleDefinition;
  segment: Segment | undefined;
  when?: CompiledConditions;
}

/**
 * Rules whose global, import, local, header or call-argument matchers accept this chain. A chain
 * being `written` (assigned to) sets a header rather than reading one.
 */
export function matchChain(chain: Chain, ctx: Pick<JsContext, 'index' | 'dependencies'>, written = false): ChainMatch[] {
  const out: ChainMatch[] = [];
  for (const tables of [ctx.index, ctx.index.contextual]) matchTables(chain, tables, ctx.dependencies, out);
  if (!written) matchHeaders(chain, ctx.index, out);
  return out;
}

function matchTables(chain: Chain, tables: JsTables, dependencies: ReadonlySet<string>, out: ChainMatch[]): void {
  const named = chain.segments.filter((s) => s.name !== '');
  const root = chain.root;
  const add = (entry: { rule: RuleDefinition; when?: CompiledConditions }, segment: Segment | undefined): boolean => {
    if (entry.when?.argPattern && !argumentMatches(segment, entry.when.argPattern)) return false;
    out.push({ rule: entry.rule, segment, ...(entry.when ? { when: entry.when } : {}) });
    return true;
  };
  if (root.kind === 'global' && named.length > 0) {
    for (const entry of tables.globals.get(named[0]!.name) ?? []) {
      if (entry.requires && !entry.requires.some((dep) => dependencies.has(dep))) continue;
      const seg = prefixMatch(named, entry.path, entry.kind);
      if (seg) add(entry, seg);
    }
  } else if (root.kind === 'local') {
    for (const entry of tables.locals.get(root.name) ?? []) {
      const seg = prefixMatch(named, entry.path, entry.kind);
      if (seg) add(entry, seg);
    }
  } else if (root.kind === 'module') {
    for (const entry of importEntries(root.module, tables)) {
      for (const path of entry.names ?? []) {
        // A default export called directly (`getMAC()`) has no member segment to match.
        const whole = named.length === 0 && path.length === 1 && path[0] === 'default' ? chain.segments[0] : undefined;
        const seg = whole && kindOk(whole, entry.kind) ? whole : prefixMatch(named, path, entry.kind);
        if (seg && add(entry, seg)) break;
      }
    }
  }
  for (let i = 0; i < chain.segments.length; i++) {
    const seg = chain.segments[i]!;
    if (!seg.called || seg.firstArg === undefined) continue;
    for (const entry of tables.callArgs.get(seg.name) ?? []) {
      if (!entry.args.some((a) => String(a) === String(seg.firstArg))) continue;
      if (entry.receivers && !entry.receivers.includes(chain.segments[i - 1]?.name ?? rootName(root))) continue;
      add(entry, seg);
    }
  }
}

/** `arg-pattern`: the matched segment is a call whose first argument the file states and the pattern accepts. */
function argumentMatches(segment: Segment | undefined, pattern: RegExp): boolean {
  return !!segment?.called && segment.firstArg !== undefined && pattern.test(String(segment.firstArg));
}

function importEntries(module: string, tables: JsTables) {
  const exact = tables.imports.get(module) ?? [];
  const prefixed = tables.importPrefixes.filter((e) => module.startsWith(e.module));
  return prefixed.length ? [...exact, ...prefixed] : exact;
}

function rootName(root: Root): string {
  return root.kind === 'local' ? root.name : '';
}

function kindOk(seg: Segment, kind: 'call' | 'read' | 'any'): boolean {
  return kind === 'any' || (kind === 'call') === seg.called;
}

function prefixMatch(named: Segment[], path: string[], kind: 'call' | 'read' | 'any'): Segment | undefined {
  if (named.length < path.length || path.length === 0) return undefined;
  for (let i = 0; i < path.length; i++) if (named[i]!.name !== path[i]) return undefined;
  const last = named[path.length - 1]!;
  return kindOk(last, kind) ? last : undefined;
}

/**
 * Request headers, in the shapes servers read them: `req.headers['user-agent']`, `req.headers.cookie`,
 * `request.headers.get('cookie')`, `headers().get(…)` (next/headers), a `headers` parameter,
 * `req.get(…)`/`req.header(…)`/`ctx.get(…)`, Koa's `ctx.header[…]`, Nest's `@Headers('…')`, h3's
 * `getRequestHeader(event, '…')` and `getRequestHeaders(event)[…]`, Nuxt's `useRequestHeaders()[…]`.
 */
function matchHeaders(chain: Chain, index: RuleIndex, out: ChainMatch[]): void {
  const segs = chain.segments;
  const root = chain.root;
  const module = root.kind === 'module' ? root.module : undefined;
  // Imported modules are HTTP clients (outgoing headers) unless they hand out the request's.
  if (index.headers.size === 0 || (module !== undefined && !REQUEST_MODULES.has(module))) return;
  const found = (header: string | number | undefined, at: Segment) => {
    if (typeof header !== 'string') return;
    for (const rule of index.headers.get(header.toLowerCase()) ?? []) out.push({ rule, segment: at });
  };
  /** The header a bag of headers yields at `next`: `bag['name']`, `bag.name` or `bag.get('name')`. */
  const fromBag = (next: Segment | undefined) => {
    if (!next) return;
    if (!next.called) found(next.name, next);
    else if (next.name === 'get') found(next.firstArg, next);
  };
  if (root.kind === 'local' && root.name === 'headers') fromBag(segs[0]);
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i]!;
    const prev = segs[i - 1]?.name ?? rootName(root);
    if ((seg.name === 'headers' || seg.name === 'header') && !seg.called) fromBag(segs[i + 1]);
    else if (seg.name === 'headers' && seg.called && seg.firstArg === undefined && segs[i + 1]?.called) fromBag(segs[i + 1]);
    else if (seg.called && (seg.name === 'header' || seg.name === 'getHeader' || (seg.name === 'get' && REQUEST_NAMES.has(prev)))) found(seg.firstArg, seg);
    else if (seg.called && seg.name === 'Headers' && module === '@nestjs/common') found(seg.firstArg, seg);
    else if (seg.called && i === 0 && (module === 'h3' || root.kind === 'global') && H3_HEADER_READERS.has(seg.name)) found(seg.secondArg, seg);
    else if (seg.called && i === 0 && (module === 'h3' || root.kind === 'global') && H3_HEADER_BAGS.has(seg.name)) fromBag(segs[i + 1]);
  }
}

/** Modules whose exports read the incoming request's headers. */
const REQUEST_MODULES = new Set(['next/headers', '@nestjs/common', 'h3']);
/** Receivers whose `.get(name)` reads a request header (Express, Koa, Hono). */
const REQUEST_NAMES = new Set(['req', 'request', 'ctx', 'context', 'c', 'event']);
/** h3 (Nuxt, Nitro) readers taking `(event, name)`; Nuxt auto-imports them, so they also appear as globals. */
const H3_HEADER_READERS = new Set(['getHeader', 'getRequestHeader']);
/** h3 and Nuxt calls that return the request's headers as an object. */
const H3_HEADER_BAGS = new Set(['getHeaders', 'getRequestHeaders', 'useRequestHeaders']);

function importSite(specifier: string, node: TSESTree.Node, ctx: JsContext, resolver: ChainResolver, report: Report): void {
  if (resolver.moduleRoot(specifier).kind === 'file') return;
  for (const tables of [ctx.index, ctx.index.contextual]) {
    for (const entry of importEntries(specifier, tables)) {
      if (!entry.names) report(entry.rule, node, undefined, entry.when);
    }
  }
}

/**
 * A client-IP or location header named in a list the code reads from: `['x-forwarded-for',
 * 'x-real-ip'].find((h) => headers.get(h))`, `{ countryHeader: 'cf-ipcountry' }`. Such a list
 * exists to find the client's address or place. Lists of other headers (user agent, cookies) are
 * as often CORS allow-lists, so only these two kinds count.
 */
function listedHeader(value: string, node: TSESTree.Node, parent: TSESTree.Node | undefined, ctx: JsContext, reported: Set<string>, report: Report): void {
  // A computed key's variable counts by its name too (`[countryHeader]: 'cf-ipcountry'`).
  const key = (property: TSESTree.Property) => (property.key.type === 'Identifier' ? property.key.name : propertyKey(property));
  const listed = parent?.type === 'ArrayExpression' || (parent?.type === 'Property' && parent.value === node && /header/i.test(key(parent) ?? ''));
  if (!listed) return;
  for (const rule of ctx.index.headers.get(value.toLowerCase()) ?? []) {
    if (rule.category !== 'network.ip' && !rule.category?.startsWith('location')) continue;
    // One finding per list and rule, at its first such header: the list is one read.
    const key = `${outermostList(node).range[0]}:${rule.id}`;
    if (!reported.has(key)) report(rule, node);
    reported.add(key);
  }
}

/** The outermost array or object literal a value sits in (`PROVIDERS = [{ countryHeader: … }, …]`). */
function outermostList(node: TSESTree.Node): TSESTree.Node {
  let list = node;
  for (let up = node.parent; up && (up.type === 'ArrayExpression' || up.type === 'ObjectExpression' || up.type === 'Property'); up = up.parent) {
    if (up.type !== 'Property') list = up;
  }
  return list;
}

function matchUrl(value: string, node: TSESTree.Node, ctx: JsContext, report: Report): void {
  for (const entry of [...ctx.index.urls, ...ctx.index.contextual.urls]) {
    if (entry.patterns.some((p) => value.includes(p))) report(entry.rule, node, undefined, entry.when);
  }
}

/** `const { geolocation } = navigator`: each bound name is a read of the member it names. */
function destructured(
  node: TSESTree.VariableDeclarator,
  variables: readonly Variable[],
  resolver: ChainResolver,
  ctx: JsContext,
  report: Report,
  reportedAt: Map<Variable, Set<string>>,
): void {
  if (!node.init) return;
  const base = resolver.resolve(node.init);
  if (!base) return;
  // `const { latitude } = geolocation(req)`: the call is reported already; its fields add nothing.
  const atInit = new Set(matchChain(base, ctx).map((m) => m.rule.id));
  for (const variable of variables) {
    const id = variable.identifiers[0];
    const path = id && patternPath(node.id, id);
    if (!path || path.length === 0) continue;
    let chain: Chain | undefined = base;
    for (const name of path) chain = chain && resolver.member(chain, name);
    if (!chain) continue;
    const rules = matchChain(chain, ctx).filter((m) => !atInit.has(m.rule.id));
    for (const { rule, when } of rules) report(rule, id, base, when);
    addTo(reportedAt, variable, rules.map((r) => r.rule.id));
  }
}

/**
 * Data flowing into an SDK call in the same function: a collecting expression inside the call's
 * arguments, or a variable initialised from one.
 */
function sharing(
  calls: Hit[],
  hits: Hit[],
  resolver: ChainResolver,
  ctx: JsContext,
  scopeManager: ReturnType<typeof analyze>,
): RawFinding[] {
  if (calls.length === 0) return [];
  const tainted = new Map<Variable, Set<string>>();
  for (const hit of hits) {
    if (!hit.rule.category) continue;
    let up: TSESTree.Node | undefined = hit.node;
    while (up && up.type !== 'VariableDeclarator' && !isBoundary(up)) up = up.parent;
    if (up?.type === 'VariableDeclarator') {
      for (const v of scopeManager.getDeclaredVariables(up)) addTo(tainted, v, [hit.rule.category]);
    }
  }
  const out: RawFinding[] = [];
  for (const call of calls) {
    const callNode = enclosingCall(call.node);
    if (!callNode) continue;
    const categories = new Set<string>();
    for (const arg of callNode.arguments) {
      for (const hit of hits) if (hit.rule.category && within(hit.node, arg)) categories.add(hit.rule.category);
      simpleTraverse(arg, {
        enter(n) {
          if (n.type !== 'Identifier') return;
          const variable = resolver.referenceOf(n)?.resolved;
          for (const c of (variable && tainted.get(variable)) ?? []) categories.add(c);
        },
      });
    }
    for (const category of [...categories].sort()) out.push(toFinding(call.rule, callNode, ctx, 'sharing', category));
  }
  return out;
}

function enclosingCall(node: TSESTree.Node): TSESTree.CallExpression | TSESTree.NewExpression | undefined {
  return node.type === 'CallExpression' || node.type === 'NewExpression' ? node : undefined;
}

function isBoundary(node: TSESTree.Node): boolean {
  return node.type.endsWith('Statement') || node.type.startsWith('Function') || node.type === 'ArrowFunctionExpression' || node.type === 'Program';
}

function within(inner: TSESTree.Node, outer: TSESTree.Node): boolean {
  return inner.range[0] >= outer.range[0] && inner.range[1] <= outer.range[1];
}

function addTo<K>(map: Map<K, Set<string>>, key: K, values: string[]): void {
  if (values.length === 0) return;
  const set = map.get(key) ?? new Set<string>();
  for (const v of values) set.add(v);
  map.set(key, set);
}

/** The node to point at: the matched segment when it lies inside the reported expression. */
function locate(segment: Segment | undefined, fallback: TSESTree.Node): TSESTree.Node {
  const node = segment?.node;
  return node && within(node, fallback) ? node : fallback;
}

export function toFinding(
  rule: RuleDefinition,
  node: TSESTree.Node,
  ctx: Pick<JsContext, 'file' | 'text'>,
  origin: RawFinding['origin'],
  category: string | null,
): RawFinding {
  return {
    rule: rule.id,
    category,
    thirdParty: rule.sdk,
    file: ctx.file,
    line: node.loc.start.line,
    column: node.loc.start.column + 1,
    endLine: node.loc.end.line,
    endColumn: node.loc.end.column + 1,
    evidence: evidenceText(ctx.text.slice(node.range[0], node.range[1])),
    origin,
  };
}

/** First line of the matched text, capped so that reports stay readable. */
export function evidenceText(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0]!.trim();
  const clipped = firstLine.length > 120 ? `${firstLine.slice(0, 117)}...` : firstLine;
  return clipped !== text.trim() && !clipped.endsWith('...') ? `${clipped} ...` : clipped;
}

/**
 * What a file exports as aliases of modules, globals or project files (`export { x } from 'm'`,
 * `export const geo = navigator.geolocation`), by name, so importers elsewhere resolve through it.
 * With `rules`, each entry also says which rules it already matches: the file reports those where
 * it defines them.
 */
export function exportTable(ast: TSESTree.Program, absolutePath: string, links: ProjectLinks, rules?: Pick<JsContext, 'index' | 'dependencies'>): ExportTable {
  const scopeManager = scopesOf(ast);
  const resolver = new ChainResolver(scopeManager, absolutePath, links);
  const table: ExportTable = { names: new Map(), stars: [] };
  // Stored without AST nodes and variables: a table outlives its file's parse, and keeping them
  // would hold every re-exporting file's AST and scopes in memory for the whole scan.
  const keep = (name: string, chain: Chain | undefined) => {
    if (chain && chain.root.kind !== 'local' && chain.root.kind !== 'value') {
      const reported = new Set(chain.reported);
      // Matches with conditions depend on the file they are used in, so those are left to it.
      for (const m of rules ? matchChain(chain, rules) : []) if (!m.when?.with && !m.when?.without) reported.add(m.rule.id);
      const segments = chain.segments.map(({ node: _node, ...rest }) => rest);
      table.names.set(name, { root: chain.root, segments, aliases: [], ...(reported.size > 0 ? { reported: [...reported] } : {}) });
    }
  };
  for (const statement of ast.body) {
    if (statement.type === 'ExportAllDeclaration' && statement.exportKind !== 'type') {
      const root = resolver.moduleRoot(statement.source.value);
      if (statement.exported) keep(exportedName(statement.exported), { root, segments: [], aliases: [] });
      else table.stars.push(root);
    } else if (statement.type === 'ExportNamedDeclaration' && statement.exportKind !== 'type') {
      if (statement.source) {
        const base: Chain = { root: resolver.moduleRoot(statement.source.value), segments: [], aliases: [] };
        for (const spec of statement.specifiers) {
          if (spec.exportKind === 'type') continue;
          const local = exportedName(spec.local);
          keep(exportedName(spec.exported), local === 'default' && base.root.kind === 'module' ? base : resolver.member(base, local));
        }
      } else if (statement.declaration?.type === 'VariableDeclaration') {
        for (const variable of scopeManager.getDeclaredVariables(statement.declaration)) keep(variable.name, resolver.resolveVariable(variable, 0));
      } else {
        for (const spec of statement.specifiers) {
          if (spec.exportKind !== 'type' && spec.local.type === 'Identifier') keep(exportedName(spec.exported), resolver.resolve(spec.local));
        }
      }
    } else if (statement.type === 'ExportDefaultDeclaration') {
      const d = statement.declaration;
      if (d.type === 'Identifier' || d.type === 'MemberExpression' || d.type === 'CallExpression') keep('default', resolver.resolve(d));
    }
  }
  return table;
}

function exportedName(node: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return node.type === 'Identifier' ? node.name : node.value;
}
