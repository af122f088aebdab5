import type { NativeLanguage } from '../../types.js';
import { closingBracket, readChain } from './chains.js';
import type { Span } from './source-lexer.js';
import { pushTo } from '../../map-of-lists.js';

/** A type as written: `TelephonyManager`, `android.telephony.TelephonyManager`, `Settings.Secure`. */
const TYPE = String.raw`((?:[a-z_]\w*\.)*[A-Z]\w*(?:\.[A-Z]\w*)*)`;
export const JAVA_CAST = new RegExp(String.raw`^\(\s*${TYPE}(?:<[^>]*>)?\s*\)`);
export const AS_CAST = new RegExp(String.raw`\bas[?!]?\s+${TYPE}[?!]?$`);
const CONSTRUCTOR = new RegExp(String.raw`^(?:new\s+)?${TYPE}(?:<[^>]*>)?\s*\(`);
const KOTLIN_SWIFT_TYPED = new RegExp(String.raw`\b([a-z_]\w*)\s*:\s*${TYPE}`, 'g');
const FUNCTIONS: Partial<Record<NativeLanguage, RegExp>> = {
  kotlin: new RegExp(String.raw`\bfun\s+(?:<[^>]*>\s*)?(?:[\w.]+\.)?([a-z_]\w*)\s*\([^)]*\)\s*:\s*${TYPE}`, 'g'),
  swift: new RegExp(String.raw`\bfunc\s+([a-z_]\w*)\s*(?:<[^>]*>)?\s*\([^)]*\)\s*(?:(?:throws|async|rethrows)\s*)*->\s*${TYPE}`, 'g'),
  java: new RegExp(String.raw`\b${TYPE}(?:[ \t]*<[^;{}()=]*?>)?\s+([a-z_$][\w$]*)\s*\([^;{}]*\)\s*(?:throws\s+[\w.,\s]+)?\{`, 'g'),
};
const OBJC_ALLOC = /^\[\s*\[\s*([A-Z]\w*)\s+alloc\s*\]\s*init\w*[^\]]*\]$|^\[\s*([A-Z]\w*)\s+new\s*\]$/;

/** What a name declared in the file stands for: a type it was declared or cast as, or the chain it was initialised from. */
export type Resolution = { type: string } | { alias: Span };

interface Declaration {
  offset: number;
  resolution: Resolution;
}

/**
 * The names a Java, Kotlin, Swift or Objective-C file declares, found lexically: typed variables,
 * fields and parameters (`TelephonyManager tm`, `tm: TelephonyManager`, `CLLocationManager *lm`),
 * initialisers (`val tm = getSystemService(...) as TelephonyManager`, `let lm = CLLocationManager()`,
 * `val info = wifiManager.connectionInfo`), functions with a declared return type, and imports that
 * rename a class or bring a static member into scope. Scoping is approximate: a use resolves to the
 * nearest declaration of that name above it, else the first below it (a field declared after the method).
 */
export class Declarations {
  private readonly names = new Map<string, Declaration[]>();
  private readonly byPlace = new Map<string, Declaration>();
  private readonly functions = new Map<string, string>();
  private readonly typeAliases = new Map<string, string>();
  private readonly memberImports = new Map<string, string>();
  private readonly staticWildcards: string[] = [];
  /** Import and package lines: declarations, not uses, so the symbol view blanks them. */
  readonly importLines: Span[] = [];

  constructor(private readonly masked: string, private readonly language: NativeLanguage) {
    this.readImports();
    this.readTypedNames();
    this.readInitialisers();
    this.readFunctions();
    for (const list of this.names.values()) list.sort((a, b) => a.offset - b.offset);
  }

  resolve(name: string, at: number): Resolution | undefined {
    const list = this.names.get(name);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.offset <= at) lo = mid + 1;
      else hi = mid;
    }
    return (list[lo - 1] ?? list[0]!).resolution;
  }

  functionType(name: string): string | undefined {
    return this.functions.get(name);
  }

  /** The class an `import ... as Alias` names. */
  typeAlias(name: string): string | undefined {
    return this.typeAliases.get(name);
  }

  /** `Settings.Secure.ANDROID_ID` for a bare `ANDROID_ID` that a static (Java) or member (Kotlin) import brought in. */
  importedMember(name: string): string | undefined {
    const explicit = this.memberImports.get(name);
    if (explicit) return explicit;
    // Only constants, and only when one wildcard could have supplied them: anything else is guessing.
    if (this.staticWildcards.length === 1 && /^[A-Z][A-Z0-9_]+$/.test(name) && !this.names.has(name)) return `${this.staticWildcards[0]}.${name}`;
    return undefined;
  }

  /** `Settings.Secure` for `android.provider.Settings.Secure`, after import renames. */
  typeName(qualified: string): string {
    const segments = qualified.split('.');
    const first = segments.findIndex((s) => /^[A-Z]/.test(s));
    const type = (first < 0 ? segments.slice(-1) : segments.slice(first)).join('.');
    return this.typeAliases.get(type) ?? type;
  }

  private add(name: string, offset: number, resolution: Resolution): void {
    const key = `${name}@${offset}`;
    const existing = this.byPlace.get(key);
    // An explicit type beats what the initialiser suggests (`val tm: TelephonyManager = helper.get()`).
    if (existing) {
      if ('type' in resolution && !('type' in existing.resolution)) existing.resolution = resolution;
      return;
    }
    const declaration = { offset, resolution };
    this.byPlace.set(key, declaration);
    pushTo(this.names, name, declaration);
  }

  private readImports(): void {
    const line = this.language === 'swift'
      ? /^[ \t]*(?:@testable[ \t]+)?import\b[^\n]*/gm
      : this.language === 'objc'
        ? /^[ \t]*(?:#[ \t]*(?:import|include)\b[^\n]*|@import\b[^\n]*)/gm
        : /^[ \t]*(?:package|import)\b[^\n;]*;?/gm;
    for (const m of this.masked.matchAll(line)) this.importLines.push({ start: m.index, end: m.index + m[0].length });
    if (this.language !== 'java' && this.language !== 'kotlin') return;
    const jvmImport = /^[ \t]*import[ \t]+(static[ \t]+)?([\w.]+?)(\.\*)?(?:[ \t]+as[ \t]+(\w+))?[ \t]*;?[ \t]*$/gm;
    for (const m of this.masked.matchAll(jvmImport)) {
      const path = m[2]!.split('.');
      const last = path.at(-1)!;
      const owner = path.at(-2) ?? '';
      const ownerIsClass = /^[A-Z]/.test(owner);
      if (m[3]) {
        if (m[1] || /^[A-Z]/.test(last)) this.staticWildcards.push(this.typeName(m[2]!));
        continue;
      }
      const isMember = (m[1] !== undefined || ownerIsClass) && (/^[a-z]/.test(last) || /^[A-Z][A-Z0-9_]*$/.test(last));
      if (isMember) this.memberImports.set(m[4] ?? last, this.typeName(m[2]!));
      else if (m[4]) this.typeAliases.set(m[4], this.typeName(m[2]!));
    }
  }

  private readTypedNames(): void {
    if (this.language === 'kotlin' || this.language === 'swift') {
      for (const m of this.masked.matchAll(KOTLIN_SWIFT_TYPED)) {
        this.add(m[1]!, m.index, { type: this.typeName(m[2]!) });
      }
      return;
    }
    // Java, Groovy and C-family declarations: `Type name`, `Type<T> name`, `Type[] name`, `Type *name`.
    const follow = this.language === 'objc' ? '[=;,)]' : '[=;,):]';
    const declaration = new RegExp(String.raw`\b${TYPE}(?:[ \t]*<[^;{}()=]*?>)?(?:[ \t]*\[[ \t]*\])*(?:[ \t]*\*[ \t]*|\s+)([a-z_$][\w$]*)\s*(?=${follow})`, 'g');
    for (const m of this.masked.matchAll(declaration)) {
      const name = m[2]!;
      const offset = m.index + m[0].lastIndexOf(name);
      this.add(name, offset, { type: this.typeName(m[1]!) });
      // An Objective-C property `lm` is also reached through its backing instance variable `_lm`.
      if (this.language === 'objc') this.add(`_${name}`, offset, { type: this.typeName(m[1]!) });
    }
    if (this.language === 'objc') {
      // Method parameters: `- (void)locationManager:(CLLocationManager *)manager ...`.
      for (const m of this.masked.matchAll(/:\s*\(\s*([A-Z]\w*)\s*\*?\s*\)\s*([a-z_]\w*)/g)) {
        this.add(m[2]!, m.index + m[0].lastIndexOf(m[2]!), { type: m[1]! });
      }
    }
  }

  private readInitialisers(): void {
    const assignment = /\b(?:val|var|let|def|auto)\s+([a-z_$][\w$]*)\s*(?::[^=\n{]*)?=(?!=)/g;
    for (const m of this.masked.matchAll(assignment)) {
      const start = m.index + m[0].length;
      this.addInitialiser(m[1]!, m.index + m[0].indexOf(m[1]!, 3), start, statementEnd(this.masked, start, this.language));
    }
    // Java and C-family: `Type name = ...` already has its type; an untyped assignment to a declared field adds nothing.
    const lazy = /\b(?:val|var)\s+([a-z_]\w*)\s*(?::[^=\n{]*)?\s+by\s+lazy\s*(?:\([^)]*\)\s*)?\{/g;
    for (const m of this.masked.matchAll(lazy)) {
      const open = m.index + m[0].length - 1;
      const close = closingBracket(this.masked, open);
      if (close > 0) this.addInitialiser(m[1]!, m.index + m[0].indexOf(m[1]!, 3), open + 1, close - 1);
    }
  }

  private addInitialiser(name: string, offset: number, start: number, end: number): void {
    const resolution = this.initialiser(start, end);
    if (resolution) this.add(name, offset, resolution);
  }

  /** What an initialiser expression tells about the value's type. */
  private initialiser(start: number, end: number): Resolution | undefined {
    const raw = this.masked.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const expr = raw.trim();
    if (!expr) return undefined;
    const cast = JAVA_CAST.exec(expr) ?? AS_CAST.exec(expr);
    if (cast) return { type: this.typeName(cast[1]!) };
    const objcAlloc = OBJC_ALLOC.exec(expr);
    if (objcAlloc) return { type: objcAlloc[1] ?? objcAlloc[2]! };
    const constructor = CONSTRUCTOR.exec(expr);
    if (constructor && closingBracket(expr, constructor[0].length - 1) === expr.length) return { type: this.typeName(constructor[1]!) };
    const chain = readChain(this.masked, start + lead);
    if (chain && chain.end === start + lead + expr.length) return { alias: { start: chain.start, end: chain.end } };
    return undefined;
  }

  private readFunctions(): void {
    const regex = FUNCTIONS[this.language];
    if (!regex) return;
    for (const m of this.masked.matchAll(regex)) {
      const [name, returned] = this.language === 'java' ? [m[2]!, m[1]!] : [m[1]!, m[2]!];
      this.functions.set(name, this.typeName(returned));
    }
  }
}

/**
 * Where the statement that starts at `start` ends: a `;` outside brackets, or for Kotlin, Swift and
 * Groovy a line break outside brackets that no `.`-continuation follows. A closing bracket that
 * was not opened inside the statement (the end of a `by lazy { ... }` body) ends it too.
 */
function statementEnd(masked: string, start: number, language: NativeLanguage): number {
  const newlineEnds = language === 'kotlin' || language === 'swift';
  let depth = 0;
  for (let i = start; i < masked.length; i++) {
    const c = masked[i]!;
    // Swift bindings end before the block or `else` of `if let` / `guard let`, or at the next binding.
    if (language === 'swift' && depth === 0 && (c === ',' || (c === '{' && /\s/.test(masked[i - 1] ?? '')) || (/^else\b/.test(masked.slice(i, i + 5)) && !/[\w$]/.test(masked[i - 1] ?? '')))) return i;
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return i;
      depth--;
    } else if (depth === 0 && c === ';') return i;
    else if (depth === 0 && c === '\n' && newlineEnds && masked.slice(start, i).trim() !== '') {
      if (!/^\s*(?:\?|!!|!)?\.[A-Za-z_]/.test(masked.slice(i + 1, i + 200))) return i;
    }
  }
  return masked.length;
}
