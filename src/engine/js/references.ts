import type { Reference, ScopeManager, Variable } from '@typescript-eslint/scope-manager';
import type { TSESTree } from '@typescript-eslint/types';

/** What a reference chain starts from. */
export type Root =
  | { kind: 'global' }
  | { kind: 'module'; module: string }
  /** A file of this project, reached through a relative or tsconfig-`paths` import. */
  | { kind: 'file'; file: string }
  /** A parameter or variable whose value is unknown, known only by its name (`req`, `ctx`). */
  | { kind: 'local'; name: string };

/** One `.name` step in a chain, and whether the value at that step was invoked. */
export interface Segment {
  name: string;
  called: boolean;
  /** For a called segment: the first argument when it is a literal, or a member's property name. */
  firstArg?: string | number;
  /** The expression ending at this segment, in the file being linted (absent for steps taken in other files). */
  node?: TSESTree.Node;
}

/**
 * A resolved chain such as `navigator.geolocation.getCurrentPosition(...)`: a root plus member
 * segments. `aliases` are the variables the resolution went through, so a match first reported at an
 * alias's declaration is not reported again at each use.
 */
export interface Chain {
  root: Root;
  segments: Segment[];
  aliases: Variable[];
}

/** Identifiers that denote the global object itself. */
const GLOBAL_OBJECTS = new Set(['window', 'globalThis', 'self', 'global']);
const MAX_DEPTH = 24;

/** Hooks the resolver needs from the rest of the project (cross-file re-exports). */
export interface ProjectLinks {
  /** The project file a specifier points to, if it is one of ours. */
  resolveFile(fromFile: string, specifier: string): string | undefined;
  /** What a project file exports, by name, as chains into modules or globals. */
  exportsOf(file: string): ExportTable | undefined;
}

export interface ExportTable {
  names: Map<string, Chain>;
  /** `export * from '…'` targets: modules or project files. */
  stars: Root[];
}

/**
 * Resolves expressions to chains using the scope manager, following imports, `require`,
 * dynamic `import()`, aliases held in `const`s, destructuring, `window.`/`globalThis.` prefixes,
 * computed members with literal keys, optional chaining and `.call`/`.apply`/`.bind`.
 */
export class ChainResolver {
  private readonly references = new Map<TSESTree.Identifier | TSESTree.JSXIdentifier, Reference>();
  private readonly active = new Set<Variable>();

  constructor(
    scopeManager: ScopeManager,
    private readonly file: string,
    private readonly links: ProjectLinks,
  ) {
    for (const scope of scopeManager.scopes) {
      for (const ref of scope.references) this.references.set(ref.identifier, ref);
    }
  }

  referenceOf(id: TSESTree.Identifier | TSESTree.JSXIdentifier): Reference | undefined {
    return this.references.get(id);
  }

  /** A module root for a specifier, or the project file it names. */
  moduleRoot(specifier: string): Root {
    const file = this.links.resolveFile(this.file, specifier);
    return file ? { kind: 'file', file } : { kind: 'module', module: specifier };
  }

  resolve(node: TSESTree.Node, depth = 0): Chain | undefined {
    if (depth > MAX_DEPTH) return undefined;
    switch (node.type) {
      case 'Identifier':
        return this.resolveIdentifier(node, depth);
      case 'MemberExpression': {
        const base = this.resolve(node.object, depth + 1);
        const name = propertyName(node);
        return base && name !== undefined ? this.member(base, name, depth, node) : undefined;
      }
      case 'ChainExpression':
      case 'TSNonNullExpression':
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSTypeAssertion':
        return this.resolve(node.expression, depth + 1);
      case 'AwaitExpression':
        return node.argument ? this.resolve(node.argument, depth + 1) : undefined;
      case 'LogicalExpression':
        return node.operator === '&&' ? undefined : this.resolve(node.left, depth + 1);
      case 'ImportExpression':
        return node.source.type === 'Literal' && typeof node.source.value === 'string'
          ? { root: this.moduleRoot(node.source.value), segments: [], aliases: [] }
          : undefined;
      case 'CallExpression':
      case 'NewExpression':
        return this.resolveCall(node, depth);
      default:
        return undefined;
    }
  }

  private resolveCall(node: TSESTree.CallExpression | TSESTree.NewExpression, depth: number): Chain | undefined {
    const callee = node.callee;
    const spec = requireSpecifier(node, this);
    if (spec !== undefined) return { root: this.moduleRoot(spec), segments: [], aliases: [] };
    // `import('m').then(m => …)`: the module flows into the callback's parameter; see resolveParameter.
    const base = this.resolve(callee, depth + 1);
    if (!base) return undefined;
    const segments = [...base.segments];
    const last = segments.at(-1);
    if (last && !last.called && (last.name === 'call' || last.name === 'apply') && segments.length > 1) {
      segments.pop();
    } else if (last && !last.called && last.name === 'bind' && segments.length > 1) {
      segments.pop();
      return { ...base, segments };
    }
    const firstArg = argumentValue(node.arguments[0]);
    const called = { called: true, node, ...(firstArg !== undefined ? { firstArg } : {}) };
    const target = segments.at(-1);
    if (target && !target.called) segments[segments.length - 1] = { ...target, ...called };
    else segments.push({ name: '', ...called });
    return { ...base, segments };
  }

  /** Steps into `.name`, looking through project files' export tables. */
  member(base: Chain, name: string, depth = 0, node?: TSESTree.Node): Chain | undefined {
    if (base.root.kind === 'file' && base.segments.length === 0) {
      const target = this.exported(base.root.file, name, depth + 1);
      return target ? { ...target, aliases: [...target.aliases, ...base.aliases] } : undefined;
    }
    if (base.root.kind === 'module' && base.segments.length === 0 && name === 'default') return base;
    return { ...base, segments: [...base.segments, { name, called: false, ...(node ? { node } : {}) }] };
  }

  /** A named export of a project file, following `export *` chains. */
  exported(file: string, name: string, depth: number): Chain | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const table = this.links.exportsOf(file);
    if (!table) return undefined;
    const direct = table.names.get(name);
    // Nodes belong to the other file; findings must point into the file being linted.
    if (direct) return { ...direct, segments: direct.segments.map(({ node: _node, ...rest }) => rest) };
    if (name === 'default') return undefined;
    for (const star of table.stars) {
      if (star.kind === 'module') return { root: star, segments: [{ name, called: false }], aliases: [] };
      if (star.kind === 'file') {
        const found = this.exported(star.file, name, depth + 1);
        if (found) return found;
      }
    }
    return undefined;
  }

  private resolveIdentifier(node: TSESTree.Identifier, depth: number): Chain | undefined {
    const ref = this.references.get(node);
    // A declaration's own name (`const geo = …`) is a write, not a use.
    if (!ref || (ref.isWrite() && !ref.isRead())) return undefined;
    const variable = ref.resolved;
    if (!variable) {
      if (GLOBAL_OBJECTS.has(node.name)) return { root: { kind: 'global' }, segments: [], aliases: [] };
      return { root: { kind: 'global' }, segments: [{ name: node.name, called: false }], aliases: [] };
    }
    return this.resolveVariable(variable, depth);
  }

  resolveVariable(variable: Variable, depth: number): Chain | undefined {
    const local: Chain = { root: { kind: 'local', name: variable.name }, segments: [], aliases: [] };
    const def = variable.defs[0];
    if (!def || this.active.has(variable)) return local;
    this.active.add(variable);
    try {
      switch (def.type) {
        case 'ImportBinding':
          return this.resolveImportBinding(def.node, def.parent as TSESTree.Node, depth);
        case 'Variable': {
          const declarator = def.node as TSESTree.VariableDeclarator;
          if (!declarator.init || isReassigned(variable)) return local;
          const init = this.resolve(declarator.init, depth + 1);
          if (!init) return local;
          const path = patternPath(declarator.id, variable.identifiers[0]!);
          if (!path) return local;
          let chain: Chain | undefined = init;
          for (const name of path) chain = chain && this.member(chain, name, depth);
          return chain ? { ...chain, aliases: [...chain.aliases, variable] } : local;
        }
        case 'Parameter':
          return this.resolveParameter(def.node, variable, depth) ?? local;
        default:
          return local;
      }
    } finally {
      this.active.delete(variable);
    }
  }

  private resolveImportBinding(spec: TSESTree.Node, declaration: TSESTree.Node, depth: number): Chain | undefined {
    if (declaration.type !== 'ImportDeclaration' || declaration.importKind === 'type') return undefined;
    if (spec.type === 'ImportSpecifier' && spec.importKind === 'type') return undefined;
    const root = this.moduleRoot(declaration.source.value);
    const base: Chain = { root, segments: [], aliases: [] };
    if (spec.type === 'ImportSpecifier') {
      const imported = spec.imported.type === 'Identifier' ? spec.imported.name : String(spec.imported.value);
      return this.member(base, imported, depth);
    }
    if (spec.type === 'ImportDefaultSpecifier' && root.kind === 'file') return this.exported(root.file, 'default', depth + 1);
    return base;
  }

  /** `import('m').then((mod) => …)` and `import('m').then(({ fn }) => …)`. */
  private resolveParameter(fn: TSESTree.Node, variable: Variable, depth: number): Chain | undefined {
    if (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression') return undefined;
    const call = fn.parent;
    if (call?.type !== 'CallExpression' || call.arguments[0] !== fn) return undefined;
    if (call.callee.type !== 'MemberExpression' || propertyName(call.callee) !== 'then') return undefined;
    const source = this.resolve(call.callee.object, depth + 1);
    if (!source || (source.root.kind !== 'module' && source.root.kind !== 'file') || source.segments.length > 0) return undefined;
    const param = fn.params[0];
    if (!param) return undefined;
    const path = patternPath(param, variable.identifiers[0]!);
    if (!path) return undefined;
    let chain: Chain | undefined = source;
    for (const name of path) chain = chain && this.member(chain, name, depth);
    return chain;
  }
}

/** `require('m')` with `require` not shadowed. */
export function requireSpecifier(node: TSESTree.Node, resolver: ChainResolver): string | undefined {
  if (node.type !== 'CallExpression' || node.callee.type !== 'Identifier' || node.callee.name !== 'require') return undefined;
  const arg = node.arguments[0];
  if (arg?.type !== 'Literal' || typeof arg.value !== 'string') return undefined;
  const ref = resolver.referenceOf(node.callee);
  return ref && !ref.resolved ? arg.value : undefined;
}

export function propertyName(node: TSESTree.MemberExpression): string | undefined {
  if (!node.computed) return node.property.type === 'Identifier' ? node.property.name : node.property.type === 'PrivateIdentifier' ? undefined : undefined;
  const p = node.property;
  if (p.type === 'Literal' && (typeof p.value === 'string' || typeof p.value === 'number')) return String(p.value);
  if (p.type === 'TemplateLiteral' && p.expressions.length === 0) return p.quasis[0]!.value.cooked ?? undefined;
  return undefined;
}

function argumentValue(arg: TSESTree.Node | undefined): string | number | undefined {
  if (!arg) return undefined;
  if (arg.type === 'Literal' && (typeof arg.value === 'string' || typeof arg.value === 'number')) return arg.value;
  if (arg.type === 'TemplateLiteral' && arg.expressions.length === 0) return arg.quasis[0]!.value.cooked ?? undefined;
  if (arg.type === 'MemberExpression') return propertyName(arg);
  return undefined;
}

/** The member path from a destructuring pattern down to one bound identifier; undefined through rest or arrays. */
export function patternPath(pattern: TSESTree.Node, target: TSESTree.Identifier): string[] | undefined {
  if (pattern === target) return [];
  switch (pattern.type) {
    case 'AssignmentPattern':
      return patternPath(pattern.left, target);
    case 'ObjectPattern':
      for (const prop of pattern.properties) {
        if (prop.type !== 'Property') continue;
        const inner = patternPath(prop.value, target);
        if (!inner) continue;
        const key = prop.computed
          ? prop.key.type === 'Literal' ? String(prop.key.value) : undefined
          : prop.key.type === 'Identifier' ? prop.key.name : prop.key.type === 'Literal' ? String(prop.key.value) : undefined;
        return key === undefined ? undefined : [key, ...inner];
      }
      return undefined;
    default:
      return undefined;
  }
}

function isReassigned(variable: Variable): boolean {
  return variable.references.some((r) => r.isWrite() && !r.init);
}

export function chainNames(chain: Chain): string[] {
  return chain.segments.filter((s) => s.name !== '').map((s) => s.name);
}
