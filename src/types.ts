/** Plain, serialisable data shared by the engine, the policy evaluator and the reporters. */

export type CategoryId = string;
export type SdkId = string;

/** How a matched reference is used: invoked (`call`, including `new`), read, or either. */
export type AccessKind = 'call' | 'read' | 'any';

/** One matcher from a rule's `match:` list. The vocabulary is closed: see docs/rules.md. */
export type Matcher =
  | { type: 'import'; modules: string[]; names?: string[]; kind: AccessKind; when?: MatchConditions }
  | { type: 'global'; paths: string[]; kind: AccessKind; requires?: string[]; when?: MatchConditions }
  | { type: 'local'; paths: string[]; kind: AccessKind; when?: MatchConditions }
  | { type: 'member'; names: string[]; kind: AccessKind; when?: MatchConditions }
  | { type: 'header'; names: string[] }
  | { type: 'call-arg'; methods: string[]; args: (string | number)[]; receivers?: string[]; when?: MatchConditions }
  | { type: 'url'; patterns: string[]; when?: MatchConditions }
  | { type: 'package'; names: string[] }
  | { type: 'symbol'; pattern: string; languages: NativeLanguage[] }
  | { type: 'permission'; names: string[] }
  | { type: 'gradle'; coordinates: string[] }
  | { type: 'pod'; names: string[] }
  | { type: 'spm'; names: string[] }
  | { type: 'plist-key'; keys: string[] }
  | { type: 'meta-data'; names: string[] }
  | { type: 'script-src'; patterns: string[] }
  | { type: 'mp-private-info'; names: string[] };

export type NativeLanguage = 'java' | 'kotlin' | 'swift' | 'objc';

/** Extra conditions on a JavaScript matcher, for evidence that only counts in context (src/config/rules.ts documents them). */
export interface MatchConditions {
  /** Regular expression (case-insensitive) the matched call's first argument must match. */
  argPattern?: string;
  /** At least one of these matchers must also match in the same function. */
  with?: Matcher[];
  /** None of these matchers may match in the same function. */
  without?: Matcher[];
}

export interface RuleDefinition {
  /** `<family path>/<name>`, e.g. `react-native-device-info/advertising-id`. */
  id: string;
  title: string;
  /** Data collected; `null` for a rule that only shows an SDK is present. */
  category: CategoryId | null;
  /** The SDK the evidence belongs to; `null` when the app collects the data itself. */
  sdk: SdkId | null;
  /** Short statement of what the code does, e.g. "Reads the advertising id (IDFA/GAID)". */
  message: string;
  why?: string;
  /** For SDK API rules: calls that send their arguments to the SDK (used for sharing). */
  transmits?: boolean;
  match: Matcher[];
  /** Documentation URL of the API or SDK the rule is about. */
  docs: string;
  /** File the rule was loaded from, relative to its rule folder. */
  source: string;
  /** Line of the rule in its file, for error messages. */
  line: number;
}

export interface SdkDefinition {
  id: SdkId;
  name: string;
  aliases: string[];
  defaultCollects: CategoryId[];
  optionalCollects: CategoryId[];
  disclosure: string;
}

export interface CategoryDefinition {
  id: CategoryId;
  label: string;
  apple: string[];
  play: string[];
  terms: { en: string[]; zh: string[] };
}

/** A place in the code, before the policy is applied. */
export interface RawFinding {
  rule: string;
  category: CategoryId | null;
  thirdParty: SdkId | null;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  evidence: string;
  /**
   * Why this finding exists: `code` a direct match; `sdk-default` what a present SDK collects by
   * itself; `sharing` data passed to an SDK call; `capability` an app-wide permission or usage
   * declaration (AndroidManifest permission, Info.plist usage key) that the app or any of its SDKs uses.
   */
  origin: 'code' | 'sdk-default' | 'sharing' | 'capability';
}

export type FindingStatus = 'disclosed' | 'undisclosed' | 'suppressed' | 'baselined' | 'unchecked';
export type Problem =
  | 'undisclosed-category'
  | 'undisclosed-third-party'
  | 'undisclosed-sharing'
  | 'contradicted';

export interface Finding {
  rule: string;
  category: CategoryId | null;
  thirdParty: SdkId | null;
  status: FindingStatus;
  problems: Problem[];
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  evidence: string;
  message: string;
}

export interface UnusedDeclaration {
  category: CategoryId | null;
  thirdParty: SdkId | null;
}

export interface ScanWarning {
  file: string;
  message: string;
}

export interface ScanSummary {
  files: number;
  findings: number;
  undisclosed: number;
  suppressed: number;
  baselined: number;
}

/** The versioned result that `--format json` prints (contract §6). */
export interface ScanResult {
  version: 1;
  tool: { name: 'privacy-lint'; version: string };
  policy: string | null;
  findings: Finding[];
  unused: UnusedDeclaration[];
  warnings: ScanWarning[];
  summary: ScanSummary;
}

export interface PolicyCategoryEntry {
  category: CategoryId;
  purposes: string[];
  line: number;
}

export interface PolicyThirdParty {
  sdk: SdkId;
  receives: CategoryId[];
  purposes: string[];
  line: number;
}

export interface Policy {
  /** Absolute path of the policy file. */
  path: string;
  app?: string;
  privacyPolicy?: string;
  collects: PolicyCategoryEntry[];
  doesNotCollect: PolicyCategoryEntry[];
  thirdParties: PolicyThirdParty[];
  scan: { include: string[]; exclude: string[]; rules: string[] };
}
