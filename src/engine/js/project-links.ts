import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { readSourceFile } from '../read-file.js';
import { parseSource } from './parse.js';
import { type Facts, PASS_ALL, type Prefilter } from './prefilter.js';
import { exportTable, type JsContext } from './lint-js.js';
import type { ExportTable, ProjectLinks } from './references.js';
import { escapeRegex } from '../../escape-regex.js';
import type { TSESTree } from '@typescript-eslint/types';

const EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];
const MAX_TABLE_BYTES = 2 * 1024 * 1024;
/** Source text whose parses may wait for the linter at once (their ASTs, some 80 MB). */
const MAX_KEPT_BYTES = 2 * 1024 * 1024;

interface PathAliases {
  baseDir: string;
  /** `@/*` becomes prefix `@/`, suffix ``; a pattern without a star has suffix null and must match exactly. */
  paths: [prefix: string, suffix: string | null, targets: string[]][];
}

/**
 * Resolves the project's own imports (relative paths, index files, tsconfig `paths`) and reads the
 * export tables of the files they point to, each parsed at most once per scan.
 */
export class ProjectIndex implements ProjectLinks {
  private readonly tables = new Map<string, ExportTable | undefined>();
  private readonly aliases = new Map<string, PathAliases | undefined>();
  /** Probe results by base path: most files import the same few neighbours. */
  private readonly probed = new Map<string, string | undefined>();
  private readonly links = new Map<string, { namesRoot: boolean; targets: string[] }>();
  /** File names by folder, listed once per scan; null for a folder that cannot be read. */
  private readonly listings = new Map<string, Set<string> | null>();
  /** Files known to reach a root (see reachesRoot), and known to export an alias (see hasAliases). */
  private readonly reaches = new Set<string>();
  private readonly aliasing = new Set<string>();
  private readonly aliasesPending = new Set<string>();

  private readonly contents: ReadonlyMap<string, string>;
  /** Texts the scan read from disk to scan them, by absolute path: an imported file need not be read twice. */
  private readonly known = new Map<string, string>();
  /** Texts read here of files the scan did not read (its links and export tables ask for each more than once). */
  private readonly read = new Map<string, string | undefined>();
  private readonly prefilter: Prefilter;
  private readonly rules: Pick<JsContext, 'index' | 'dependencies'> | undefined;
  private lintsHere = false;
  private readonly kept = new Map<string, { text: string; ast: TSESTree.Program }>();
  private keptBytes = 0;
  /** The prefilter's facts of each file, with the text they are of. */
  private readonly facts = new Map<string, { text: string; facts: Facts }>();

  /**
   * @param options.contents texts that replace files on disk, by absolute path: with `--staged` an
   *   importer must see the re-exports as they are staged, not as the work tree has them.
   * @param options.prefilter the JS prefilter: a file is parsed for its exports only if it, or a
   *   file it imports, names a module or global a matcher starts from (`mayAlias`).
   * @param options.rules the rules, so that an export table says which rules each export already
   *   matched in its own file: its importers do not report those again.
   */
  constructor(
    readonly root: string,
    options: { contents?: ReadonlyMap<string, string>; prefilter?: Prefilter; rules?: Pick<JsContext, 'index' | 'dependencies'> } = {},
  ) {
    this.contents = options.contents ?? new Map();
    this.prefilter = options.prefilter ?? PASS_ALL;
    this.rules = options.rules;
  }

  /**
   * Texts the scan has already read from disk, so that files imported by others are not read
   * again; `lintsHere` when this thread, not a worker, lints them.
   */
  know(texts: Iterable<[file: string, text: string]>, lintsHere: boolean): void {
    for (const [file, text] of texts) this.known.set(file, text);
    this.lintsHere = lintsHere;
  }

  /** The prefilter's facts of a file's text, computed once whoever asks (the scanner, or an importer's links). */
  factsOf(file: string, text: string): Facts {
    const memo = this.facts.get(file);
    if (memo?.text === text) return memo.facts;
    const facts = this.prefilter.factsOf(text);
    this.facts.set(file, { text, facts });
    return facts;
  }

  /** Whether the scan was given this file's text (the git index), which the disk may not match. */
  hasGivenText(file: string): boolean {
    return this.contents.has(file);
  }

  /** The text of a project file as this scan sees it: given contents first, then the disk. */
  textOf(file: string): string | undefined {
    const given = this.contents.get(file) ?? this.known.get(file);
    if (given !== undefined) return given;
    if (!this.read.has(file)) {
      const { text } = readSourceFile(file);
      this.read.set(file, text !== undefined && text.length <= MAX_TABLE_BYTES ? text : undefined);
    }
    return this.read.get(file);
  }

  resolveFile(fromFile: string, specifier: string): string | undefined {
    if (specifier.startsWith('.')) return this.probe(path.resolve(path.dirname(fromFile), specifier));
    const aliases = this.aliasesFor(path.dirname(fromFile));
    for (const [prefix, suffix, targets] of aliases?.paths ?? []) {
      if (suffix === null ? specifier !== prefix : !specifier.startsWith(prefix) || !specifier.endsWith(suffix) || specifier.length < prefix.length + suffix.length) continue;
      const star = suffix === null ? '' : specifier.slice(prefix.length, specifier.length - suffix.length);
      for (const target of targets) {
        const found = this.probe(path.resolve(aliases!.baseDir, target.replace('*', star)));
        if (found) return found;
      }
    }
    return undefined;
  }

  exportsOf(file: string): ExportTable | undefined {
    if (this.tables.has(file)) return this.tables.get(file);
    this.tables.set(file, undefined); // guards export cycles while this table is computed
    const table = this.readTable(file);
    this.tables.set(file, table);
    return table;
  }

  /**
   * True when some export of the file aliases something a matcher can start from, directly or
   * through the project files it re-exports, so importers must be analysed. Only a yes is
   * remembered, as in reachesRoot; a file met again while its own answer is pending (exports that
   * alias each other's namespaces) counts as a yes, to be safe.
   */
  hasAliases(file: string): boolean {
    if (this.aliasing.has(file) || this.aliasesPending.has(file)) return true;
    this.aliasesPending.add(file);
    try {
      const aliases = this.aliasNames(file, new Set()).size > 0;
      if (aliases) this.aliasing.add(file);
      return aliases;
    } finally {
      this.aliasesPending.delete(file);
    }
  }

  /**
   * True when the file uses an export of a project file that aliases something a matcher can start
   * from: such a file needs analysis even though its own text holds no complete trigger
   * (`nav.userAgent`). Every use of an imported name spells it (`{ model }`, `helpers.model`,
   * `require('./x').model`), so the text must hold one; a default import names nothing and counts.
   */
  linksToAliases(file: string, text: string): boolean {
    return this.targets(file, text).some((target) => this.reachesRoot(target) && this.mayUseAlias(text, target));
  }

  /**
   * Whether a text can use one of the aliases a project file exports: it spells an alias's name, or
   * the alias is the default export, which an import may call anything.
   */
  private mayUseAlias(text: string, target: string): boolean {
    const names = this.aliasNames(target, new Set());
    return names.has('default') || names.has(ANY_NAME) || [...names].some((name) => holdsWord(text, name));
  }

  /**
   * The names under which a file exports an alias of something a matcher can start from, with those
   * its `export *` of project files passes on; ANY_NAME when it star-exports such a module, whose
   * every name is one. `starPath` holds the files whose stars led here, whose names are counted already.
   */
  private aliasNames(file: string, starPath: Set<string>): Set<string> {
    starPath.add(file);
    const names = new Set<string>();
    const table = this.exportsOf(file);
    for (const [name, chain] of table?.names ?? []) {
      if (chain.root.kind === 'file' ? this.hasAliases(chain.root.file) : this.prefilter.canAlias(chain)) names.add(name);
    }
    for (const star of table?.stars ?? []) {
      if (star.kind === 'module' && this.prefilter.canAlias({ root: star, segments: [] })) names.add(ANY_NAME);
      // `export *` passes on every name but the default.
      if (star.kind === 'file' && !starPath.has(star.file)) for (const name of this.aliasNames(star.file, starPath)) if (name !== 'default') names.add(name);
    }
    starPath.delete(file);
    return names;
  }

  /** Project files the text imports or re-exports from. */
  private targets(file: string, text: string): string[] {
    const out: string[] = [];
    for (const specifier of this.factsOf(file, text).modules) {
      const target = this.resolveFile(file, specifier);
      if (target && target !== file) out.push(target);
    }
    return out;
  }

  /** What a file's text says about its links, read once per scan. */
  protected linkInfo(file: string): { namesRoot: boolean; targets: string[] } {
    let info = this.links.get(file);
    if (!info) {
      const text = this.textOf(file);
      info = text === undefined ? { namesRoot: false, targets: [] } : { namesRoot: this.prefilter.mayAlias(text, this.factsOf(file, text)), targets: this.targets(file, text) };
      this.links.set(file, info);
    }
    return info;
  }

  /**
   * True when the file, or a project file it imports directly or not, names a followed module or
   * global: only then can its exports alias one. Only a yes is remembered: a no depends on every
   * file the search visited, which each asker must read (and a cache record) for itself.
   */
  private reachesRoot(file: string): boolean {
    const visited = new Set([file]);
    const pending = [file];
    for (let f = pending.pop(); f !== undefined; f = pending.pop()) {
      if (this.reaches.has(f) || this.linkInfo(f).namesRoot) {
        this.reaches.add(file);
        return true;
      }
      for (const t of this.linkInfo(f).targets) {
        if (!visited.has(t)) {
          visited.add(t);
          pending.push(t);
        }
      }
    }
    return false;
  }

  private readTable(file: string): ExportTable | undefined {
    const text = this.textOf(file);
    if (text === undefined || text.length > MAX_TABLE_BYTES || !/\bexport\b/.test(text)) return undefined;
    // An export can alias only what the file names, or an alias a project file it imports exports:
    // by its name, or by binding or passing on the whole module that holds it (`export *`, a
    // namespace or default import, `require`): any module the text does not import by name only.
    const { namesRoot, targets } = this.linkInfo(file);
    const { modules, named } = this.factsOf(file, text);
    const whole = new Set([...modules].filter((m) => !named.has(m)).map((m) => this.resolveFile(file, m)));
    const passesOn = (target: string) => (whole.has(target) ? this.hasAliases(target) : this.mayUseAlias(text, target));
    if (!namesRoot && !targets.some(passesOn)) return undefined;
    const parsed = parseSource(text, file);
    if (!parsed.ok) return undefined;
    this.keepForLint(file, text, parsed.ast);
    return exportTable(parsed.ast, file, this, this.rules);
  }

  /**
   * Keeps the parse of a file this thread lints later in the scan (one read from disk here, that
   * the prefilter lets through), for the linter to take: a file both imported and collecting is
   * then parsed and analysed once. Bounded, since a tree is a few of these but an AST is about
   * forty times its text.
   */
  private keepForLint(file: string, text: string, ast: TSESTree.Program): void {
    if (!this.lintsHere || this.known.get(file) !== text || this.keptBytes + text.length > MAX_KEPT_BYTES) return;
    if (!this.prefilter.mayMatch(text, this.factsOf(file, text))) return;
    this.kept.set(file, { text, ast });
    this.keptBytes += text.length;
  }

  /** The parse readTable kept of this file's text, handed over once. */
  takeParse(file: string, text: string): TSESTree.Program | undefined {
    const kept = this.kept.get(file);
    if (kept?.text !== text) return undefined;
    this.kept.delete(file);
    this.keptBytes -= text.length;
    return kept.ast;
  }

  /** Whether a file exists, from its folder's listing: probing `./x` tries a dozen names, a stat each otherwise. */
  private isFile(p: string): boolean {
    const dir = path.dirname(p);
    let listing = this.listings.get(dir);
    if (listing === undefined) this.listings.set(dir, (listing = this.listFolder(dir)));
    return listing?.has(path.basename(p)) ?? false;
  }

  /** The names of the files in a folder, null when it cannot be read. Every resolution reads the disk through here or readConfig. */
  protected listFolder(dir: string): Set<string> | null {
    try {
      const entries = fs.readdirSync(dir, { withFileTypes: true });
      return new Set(entries.filter((e) => e.isFile() || (e.isSymbolicLink() && statIsFile(path.join(dir, e.name)))).map((e) => e.name));
    } catch {
      return null;
    }
  }

  /** The text of a tsconfig.json or jsconfig.json whose `paths` resolve aliases. */
  protected readConfig(file: string): string {
    return fs.readFileSync(file, 'utf8');
  }

  /** `./x` may name `x.ts`, `x/index.ts`, or `x.ts` written as `x.js` (NodeNext style). */
  private probe(base: string): string | undefined {
    if (!this.probed.has(base)) this.probed.set(base, this.probeDisk(base));
    return this.probed.get(base);
  }

  private probeDisk(base: string): string | undefined {
    const candidates = [base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => path.join(base, `index${e}`))];
    const stripped = base.replace(/\.(m|c)?js$/, '');
    if (stripped !== base) candidates.push(...EXTENSIONS.map((e) => stripped + e));
    for (const candidate of candidates) {
      if (EXTENSIONS.includes(path.extname(candidate)) && this.isFile(candidate)) return candidate;
    }
    return undefined;
  }

  private aliasesFor(dir: string): PathAliases | undefined {
    if (this.aliases.has(dir)) return this.aliases.get(dir);
    let found: PathAliases | undefined;
    for (const name of ['tsconfig.json', 'jsconfig.json']) {
      const config = path.join(dir, name);
      if (this.isFile(config)) {
        found = readAliases(config, this.readConfig(config));
        break;
      }
    }
    const parent = path.dirname(dir);
    if (!found && parent !== dir && isInside(this.root, parent)) found = this.aliasesFor(parent);
    this.aliases.set(dir, found);
    return found;
  }
}

/** Stands for every name: no export is called `*`. */
const ANY_NAME = '*';

const wordTests = new Map<string, RegExp>();

/** Whether the text holds the name as a whole word, in code or in a string (`helpers['model']`). */
function holdsWord(text: string, name: string): boolean {
  let test = wordTests.get(name);
  if (!test) wordTests.set(name, (test = new RegExp(`(?<![\\w$])${escapeRegex(name)}(?![\\w$])`)));
  return test.test(text);
}

function readAliases(config: string, text: string): PathAliases | undefined {
  // tsconfig.json allows comments and trailing commas; TypeScript's own reader handles them. Loaded lazily: it is large.
  const ts = createRequire(import.meta.url)('typescript') as typeof import('typescript');
  const parsed = ts.parseConfigFileTextToJson(config, text);
  const options = (parsed.config as { compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> } } | undefined)?.compilerOptions;
  if (!options?.paths) return undefined;
  const baseDir = path.resolve(path.dirname(config), options.baseUrl ?? '.');
  const paths = Object.entries(options.paths).map(([pattern, targets]): [string, string | null, string[]] => {
    const star = pattern.indexOf('*');
    return star < 0 ? [pattern, null, targets] : [pattern.slice(0, star), pattern.slice(star + 1), targets];
  });
  return { baseDir, paths };
}

function statIsFile(p: string): boolean {
  return fs.statSync(p, { throwIfNoEntry: false })?.isFile() ?? false;
}

function isInside(root: string, dir: string): boolean {
  const rel = path.relative(root, dir);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
