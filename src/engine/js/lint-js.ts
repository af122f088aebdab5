import { analyze, type Variable } from '@typescript-eslint/scope-manager';
import type { TSESTree } from '@typescript-eslint/types';
import { simpleTraverse } from '@typescript-eslint/typescript-estree';
import type { RawFinding, RuleDefinition } from '../../types.js';
import type { RuleIndex } from '../rule-index.js';
import { type Chain, ChainResolver, type ExportTable, type ProjectLinks, patternPath, requireSpecifier, type Root, type Segment } from './references.js';

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

/** Node types that continue a reference chain when their parent extends it. */
const CHAIN_TYPES = new Set(['Identifier', 'MemberExpression', 'CallExpression', 'NewExpression', 'ChainExpression', 'TSNonNullExpression', 'ImportExpression']);

/**
 * One traversal of a parsed file: every maximal reference chain is resolved once and looked up in
 * the rule index; import sites, loader URLs and destructuring are checked on the way.
 */
export function lintJs(ast: TSESTree.Program, ctx: JsContext): RawFinding[] {
  const scopeManager = analyze(ast, { sourceType: ast.sourceType, lib: [], jsxPragma: null });
  const resolver = new ChainResolver(scopeManager, ctx.absolutePath, ctx.links);
  const hits: Hit[] = [];
  const transmitCalls: Hit[] = [];
  /** Rules already reported where a variable was declared, so uses of the alias are not reported again. */
  const reportedAt = new Map<Variable, Set<string>>();

  const report = (rule: RuleDefinition, node: TSESTree.Node, chain?: Chain): void => {
    if (chain?.aliases.some((v) => reportedAt.get(v)?.has(rule.id))) return;
    if (rule.transmits) transmitCalls.push({ rule, node });
    else hits.push({ rule, node });
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
            if (typeof node.value === 'string') matchUrl(node.value, node, ctx, report);
            break;
          case 'TemplateElement':
            matchUrl(node.value.cooked ?? node.value.raw, node, ctx, report);
            break;
          case 'VariableDeclarator':
            if (node.id.type === 'ObjectPattern') destructured(node, scopeManager.getDeclaredVariables(node), resolver, ctx, report, reportedAt);
            break;
        }
        if (CHAIN_TYPES.has(node.type) && !extendsChain(node, parent)) {
          const chain = resolver.resolve(node);
          if (chain) {
            const rules = matchChain(chain, ctx);
            for (const { rule, segment } of rules) report(rule, locate(segment, node), chain);
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

  const findings = hits.map((h) => toFinding(h.rule, h.node, ctx, 'code', h.rule.category));
  findings.push(...sharing(transmitCalls, hits, resolver, ctx, scopeManager));
  return findings;
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

/** The declarator whose variable simply holds this chain's value (`const geo = navigator.geolocation`). */
function aliasTarget(node: TSESTree.Node, parent: TSESTree.Node | undefined): TSESTree.VariableDeclarator | undefined {
  let current: TSESTree.Node = node;
  let up = parent;
  while (up && (up.type === 'AwaitExpression' || up.type === 'TSAsExpression' || up.type === 'TSNonNullExpression')) {
    current = up;
    up = up.parent;
  }
  return up?.type === 'VariableDeclarator' && up.init === current ? up : undefined;
}

interface ChainMatch {
  rule: RuleDefinition;
  segment: Segment | undefined;
}

/** Rules whose global, import, local, header or call-argument matchers accept this chain. */
export function matchChain(chain: Chain, ctx: Pick<JsContext, 'index' | 'dependencies'>): ChainMatch[] {
  const out: ChainMatch[] = [];
  const named = chain.segments.filter((s) => s.name !== '');
  const { index } = ctx;
  const root = chain.root;
  if (root.kind === 'global' && named.length > 0) {
    for (const entry of index.globals.get(named[0]!.name) ?? []) {
      if (entry.requires && !entry.requires.some((dep) => ctx.dependencies.has(dep))) continue;
      const seg = prefixMatch(named, entry.path, entry.kind);
      if (seg) out.push({ rule: entry.rule, segment: seg });
    }
  } else if (root.kind === 'local') {
    for (const entry of index.locals.get(root.name) ?? []) {
      const seg = prefixMatch(named, entry.path, entry.kind);
      if (seg) out.push({ rule: entry.rule, segment: seg });
    }
  } else if (root.kind === 'module') {
    for (const entry of importEntries(root.module, index)) {
      for (const path of entry.names ?? []) {
        // A default export called directly (`getMAC()`) has no member segment to match.
        const whole = named.length === 0 && path.length === 1 && path[0] === 'default' ? chain.segments[0] : undefined;
        const seg = whole && kindOk(whole, entry.kind) ? whole : prefixMatch(named, path, entry.kind);
        if (seg) {
          out.push({ rule: entry.rule, segment: seg });
          break;
        }
      }
    }
  }
  matchHeaders(chain, index, out);
  for (let i = 0; i < chain.segments.length; i++) {
    const seg = chain.segments[i]!;
    if (!seg.called || seg.firstArg === undefined) continue;
    for (const entry of index.callArgs.get(seg.name) ?? []) {
      if (!entry.args.some((a) => String(a) === String(seg.firstArg))) continue;
      if (entry.receivers && !entry.receivers.includes(chain.segments[i - 1]?.name ?? rootName(root))) continue;
      out.push({ rule: entry.rule, segment: seg });
    }
  }
  return out;
}

function importEntries(module: string, index: RuleIndex) {
  const exact = index.imports.get(module) ?? [];
  const prefixed = index.importPrefixes.filter((e) => module.startsWith(e.module));
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

/** Request headers: `req.headers['user-agent']`, `headers.get('cookie')`, `req.get(...)`, `req.header(...)`. */
function matchHeaders(chain: Chain, index: RuleIndex, out: ChainMatch[]): void {
  if (index.headers.size === 0) return;
  const segs = chain.segments;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i]!;
    let header: string | undefined;
    let at: Segment = seg;
    const prev = segs[i - 1]?.name ?? rootName(chain.root);
    if (seg.name === 'headers' && !seg.called && segs[i + 1]) {
      const next = segs[i + 1]!;
      at = next;
      header = next.name === 'get' && next.called && typeof next.firstArg === 'string' ? next.firstArg : next.called ? undefined : next.name;
    } else if (seg.called && typeof seg.firstArg === 'string' && (seg.name === 'header' || seg.name === 'getHeader' || (seg.name === 'get' && REQUEST_NAMES.has(prev)))) {
      header = seg.firstArg;
    } else if (seg.name === '' && seg.called && prev === 'headers' && i === 0) {
      continue;
    }
    if (header === undefined) continue;
    for (const rule of index.headers.get(header.toLowerCase()) ?? []) out.push({ rule, segment: at });
  }
}

/** Receivers whose `.get(name)` reads a request header (Express, Koa, Hono). */
const REQUEST_NAMES = new Set(['req', 'request', 'ctx', 'context', 'c', 'event']);

function importSite(
  specifier: string,
  node: TSESTree.Node,
  ctx: JsContext,
  resolver: ChainResolver,
  report: (rule: RuleDefinition, node: TSESTree.Node) => void,
): void {
  if (resolver.moduleRoot(specifier).kind === 'file') return;
  for (const entry of importEntries(specifier, ctx.index)) {
    if (!entry.names) report(entry.rule, node);
  }
}

function matchUrl(value: string, node: TSESTree.Node, ctx: JsContext, report: (rule: RuleDefinition, node: TSESTree.Node) => void): void {
  for (const entry of ctx.index.urls) {
    if (entry.patterns.some((p) => value.includes(p))) report(entry.rule, node);
  }
}

/** `const { geolocation } = navigator`: each bound name is a read of the member it names. */
function destructured(
  node: TSESTree.VariableDeclarator,
  variables: readonly Variable[],
  resolver: ChainResolver,
  ctx: JsContext,
  report: (rule: RuleDefinition, node: TSESTree.Node, chain?: Chain) => void,
  reportedAt: Map<Variable, Set<string>>,
): void {
  if (!node.init) return;
  const base = resolver.resolve(node.init);
  if (!base) return;
  for (const variable of variables) {
    const id = variable.identifiers[0];
    const path = id && patternPath(node.id, id);
    if (!path || path.length === 0) continue;
    let chain: Chain | undefined = base;
    for (const name of path) chain = chain && resolver.member(chain, name);
    if (!chain) continue;
    const rules = matchChain(chain, ctx);
    for (const { rule } of rules) report(rule, id, base);
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
 * What a file exports as aliases of modules or globals (`export { x } from 'm'`,
 * `export const geo = navigator.geolocation`), so importers elsewhere resolve through it.
 */
export function exportTable(ast: TSESTree.Program, absolutePath: string, links: ProjectLinks): ExportTable {
  const scopeManager = analyze(ast, { sourceType: ast.sourceType, lib: [], jsxPragma: null });
  const resolver = new ChainResolver(scopeManager, absolutePath, links);
  const table: ExportTable = { names: new Map(), stars: [] };
  const keep = (name: string, chain: Chain | undefined) => {
    if (chain && chain.root.kind !== 'local') table.names.set(name, chain);
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
