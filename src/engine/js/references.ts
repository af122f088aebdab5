import type { Reference, Scope, ScopeManager, Variable } from '@typescript-eslint/scope-manager';
import type { TSESTree } from '@typescript-eslint/types';

/** What a reference chain starts from. */
export type Root =
  | { kind: 'global' }
  | { kind: 'module'; module: string }
  /** A file of this project, reached through a relative or tsconfig-`paths` import. */
  | { kind: 'file'; file: string }
  /** A parameter or variable whose value is unknown, known only by its name (`req`, `ctx`). */
  | { kind: 'local'; name: string }
  /** A variable holding a value the file builds itself (object literal, local function): never an API. */
  | { kind: 'value'; name: string };

/** One `.name` step in a chain, and whether the value at that step was invoked. */
export interface Segment {
  name: string;
  called: boolean;
  /** For a called segment: the first argument when it is a literal or constant, a member's property name, or an options object's `key`. */
  firstArg?: string | number;
  /** The same for the second argument (`getRequestHeader(event, 'user-agent')`). */
  secondArg?: string | number;
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
  /**
   * Rules this chain already matched where another file defined it (`export const ua =
   * navigator.userAgent`): that file reports the collection, and a use of the export only reads
   * its value, so the use is not reported again.
   */
  reported?: readonly string[];
}

/** Initialisers that build a value in the file itself: a variable holding one is never an API or a request. */
const BUILT_VALUES = new Set(['ObjectExpression', 'ArrayExpression', 'Literal', 'TemplateLiteral', 'ArrowFunctionExpression', 'FunctionExpression', 'ClassExpression']);

/** Identifiers that denote the global object itself. */
export const GLOBAL_OBJECTS = new Set(['window', 'globalThis', 'self', 'global']);
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
  private readonly classFields = new Map<TSESTree.Node, Map<string, TSESTree.Expression>>();
  /** Classes and the functions that bind their own `this`, collected on the first `this.x`. */
  private thisScopes: { classes: Scope[]; functions: Scope[] } | undefined;

  constructor(
    private readonly scopeManager: ScopeManager,
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
      case 'ThisExpression':
        // Class fields and injected services (`this.http.get(…)`), known only by the name `this`.
        return { root: { kind: 'local', name: 'this' }, segments: [], aliases: [] };
      case 'MemberExpression': {
        const name = propertyName(node);
        const field = node.object.type === 'ThisExpression' && name !== undefined ? this.fieldValue(node.object, name) : undefined;
        if (field) return this.resolve(field, depth + 1);
        const base = this.resolve(node.object, depth + 1);
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
      case 'ConditionalExpression':
        // `typeof OfflineAudioContext !== 'undefined' ? OfflineAudioContext : webkitOfflineAudioContext`
        return this.resolve(node.consequent, depth + 1) ?? this.resolve(node.alternate, depth + 1);
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
    // Where the callee's own arguments start: `.call(thisArg, ...args)`; `.apply` passes an array.
    let argsAt: number | undefined = 0;
    if (last && !last.called && (last.name === 'call' || last.name === 'apply') && segments.length > 1) {
      segments.pop();
      argsAt = last.name === 'call' ? 1 : undefined;
    } else if (last && !last.called && last.name === 'bind' && segments.length > 1) {
      segments.pop();
      return { ...base, segments };
    }
    const firstArg = argsAt === undefined ? undefined : this.argumentValue(node.arguments[argsAt]);
    const secondArg = argsAt === undefined ? undefined : this.argumentValue(node.arguments[argsAt + 1]);
    const called = { called: true, node, ...(firstArg !== undefined ? { firstArg } : {}), ...(secondArg !== undefined ? { secondArg } : {}) };
    const target = segments.at(-1);
    if (target && !target.called) segments[segments.length - 1] = { ...target, ...called };
    else segments.push({ name: '', ...called });
    return { ...base, segments };
  }

  /**
   * What an argument says, when the file states it: a literal, a `const` holding one, a member's
   * property name (`ext.UNMASKED_RENDERER_WEBGL`, `KEYS.DEVICE_ID`) or the `key` of an options
   * object, which is how storage APIs take their key (`wx.setStorage({ key, data })`).
   */
  argumentValue(arg: TSESTree.Node | undefined): string | number | undefined {
    if (!arg) return undefined;
    const literal = literalValue(arg);
    if (literal !== undefined) return literal;
    if (arg.type === 'MemberExpression') return propertyName(arg);
    if (arg.type === 'Identifier') {
      const def = this.references.get(arg)?.resolved?.defs[0];
      const declaration = def?.parent;
      if (def?.type !== 'Variable' || declaration?.type !== 'VariableDeclaration' || declaration.kind !== 'const') return undefined;
      const declarator = def.node as TSESTree.VariableDeclarator;
      return declarator.id === def.name && declarator.init ? literalValue(declarator.init) : undefined;
    }
    if (arg.type === 'ObjectExpression') {
      for (const p of arg.properties) {
        if (p.type === 'Property' && !p.computed && p.key.type === 'Identifier' && p.key.name === 'key') return this.argumentValue(p.value);
      }
    }
    return undefined;
  }

  /**
   * What `this.name` holds when its class sets it once where the value is plain to see: a field
   * initialiser (`private nav = window.navigator`) or a top-level assignment in the constructor.
   * Only for `this` bound by a method of that class (arrow functions keep it; other functions do not).
   */
  private fieldValue(self: TSESTree.ThisExpression, name: string): TSESTree.Expression | undefined {
    const at = self.range[0];
    this.thisScopes ??= {
      classes: this.scopeManager.scopes.filter((s) => String(s.type) === 'class'),
      functions: this.scopeManager.scopes.filter((s) => String(s.type) === 'function' && s.block.type !== 'ArrowFunctionExpression'),
    };
    const innermost = (scopes: Scope[], after = -1) => {
      let found: Scope | undefined;
      for (const scope of scopes) {
        const [start, end] = scope.block.range;
        if (start > after && start <= at && at < end && (!found || start >= found.block.range[0])) found = scope;
      }
      return found;
    };
    const owner = innermost(this.thisScopes.classes)?.block;
    if (owner?.type !== 'ClassDeclaration' && owner?.type !== 'ClassExpression') return undefined;
    const fn = innermost(this.thisScopes.functions, owner.range[0]);
    if (fn && !owner.body.body.some((m) => m.type === 'MethodDefinition' && m.value === fn.block)) return undefined;
    return this.fieldsOf(owner).get(name);
  }

  private fieldsOf(owner: TSESTree.ClassDeclaration | TSESTree.ClassExpression): Map<string, TSESTree.Expression> {
    let fields = this.classFields.get(owner);
    if (fields) return fields;
    fields = new Map();
    for (const member of owner.body.body) {
      if (member.type === 'PropertyDefinition' && !member.static && !member.computed && member.key.type === 'Identifier' && member.value) {
        fields.set(member.key.name, member.value);
      } else if (member.type === 'MethodDefinition' && member.kind === 'constructor') {
        for (const statement of member.value.body?.body ?? []) {
          const e = statement.type === 'ExpressionStatement' ? statement.expression : undefined;
          if (e?.type !== 'AssignmentExpression' || e.operator !== '=' || e.left.type !== 'MemberExpression' || e.left.object.type !== 'ThisExpression') continue;
          const field = propertyName(e.left);
          if (field !== undefined && !fields.has(field)) fields.set(field, e.right);
        }
      }
    }
    this.classFields.set(owner, fields);
    return fields;
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
    // Tables hold no nodes (exportTable strips them): findings must point into the file being linted.
    if (direct) return direct;
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
    const value: Chain = { root: { kind: 'value', name: variable.name }, segments: [], aliases: [] };
    const def = variable.defs[0];
    if (!def || this.active.has(variable)) return local;
    this.active.add(variable);
    try {
      switch (def.type) {
        case 'ImportBinding':
          return this.resolveImportBinding(def.node, def.parent as TSESTree.Node, depth);
        case 'FunctionName':
        case 'ClassName':
          return value;
        case 'Variable': {
          const declarator = def.node as TSESTree.VariableDeclarator;
          if (!declarator.init || isReassigned(variable)) return local;
          if (BUILT_VALUES.has(declarator.init.type)) return value;
          const chain = this.boundIn(this.resolve(declarator.init, depth + 1), declarator.id, variable, depth);
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
    if (call?.type === 'CallExpression' && call.callee === fn) return this.resolveInvokedParameter(fn, call, variable, depth);
    if (call?.type !== 'CallExpression' || call.arguments[0] !== fn) return undefined;
    if (call.callee.type !== 'MemberExpression' || propertyName(call.callee) !== 'then') return undefined;
    const source = this.resolve(call.callee.object, depth + 1);
    if (!source || (source.root.kind !== 'module' && source.root.kind !== 'file') || source.segments.length > 0) return undefined;
    const param = fn.params[0];
    return param && this.boundIn(source, param, variable, depth);
  }

  /**
   * A parameter of a function invoked where it is written, bound to its argument: tracking snippets
   * wrap themselves as `(function (w, d) { … w.navigator.language … })(window, document)`.
   */
  private resolveInvokedParameter(fn: TSESTree.FunctionLike, call: TSESTree.CallExpression, variable: Variable, depth: number): Chain | undefined {
    const identifier = variable.identifiers[0]!;
    const index = fn.params.findIndex((p) => patternPath(p, identifier) !== undefined);
    const arg = call.arguments[index];
    if (index < 0 || !arg || call.arguments.slice(0, index + 1).some((a) => a.type === 'SpreadElement')) return undefined;
    return this.boundIn(this.resolve(arg, depth + 1), fn.params[index]!, variable, depth);
  }

  /** What a variable holds when a pattern (`{ a: { b } }`, or the variable itself) binds it to a value. */
  private boundIn(value: Chain | undefined, pattern: TSESTree.Node, variable: Variable, depth: number): Chain | undefined {
    const path = patternPath(pattern, variable.identifiers[0]!);
    let chain = path && value;
    for (const name of path ?? []) chain = chain && this.member(chain, name, depth);
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

function literalValue(node: TSESTree.Node): string | number | undefined {
  if (node.type === 'Literal' && (typeof node.value === 'string' || typeof node.value === 'number')) return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]!.value.cooked ?? undefined;
  return undefined;
}

/** The name a property's key gives (`a`, `'a'`, `['a']`); undefined for a computed key that is no literal. */
export function propertyKey(prop: TSESTree.Property): string | undefined {
  if (prop.key.type === 'Literal') return String(prop.key.value);
  return !prop.computed && prop.key.type === 'Identifier' ? prop.key.name : undefined;
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
        const key = propertyKey(prop);
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
