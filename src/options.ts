/** One table of command-line flags: it feeds node:util parseArgs and the --help text. */
export interface FlagSpec {
  name: string;
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  value?: string;
  description: string;
}

export const FLAGS: FlagSpec[] = [
  { name: 'policy', type: 'string', value: 'FILE', description: 'policy file (default: nearest policy.yaml)' },
  { name: 'require-policy', type: 'boolean', description: 'a missing policy is a usage error (exit 2)' },
  { name: 'format', type: 'string', short: 'f', value: 'NAME', description: 'output format: stylish, json, sarif, markdown, html, github' },
  { name: 'output', type: 'string', short: 'o', value: 'FILE', description: 'write the report to FILE instead of stdout' },
  { name: 'rules', type: 'string', multiple: true, value: 'DIR', description: 'extra folder of YAML rules (repeatable)' },
  { name: 'include-tests', type: 'boolean', description: 'also scan test-only code (__tests__, *.test.*, mocks, e2e)' },
  { name: 'strict', type: 'boolean', description: 'unused declarations fail the run too' },
  { name: 'staged', type: 'boolean', description: 'scan the files staged in git (their staged content)' },
  { name: 'since', type: 'string', value: 'REF', description: 'scan only files changed since the merge base with REF' },
  { name: 'baseline', type: 'string', value: 'FILE', description: 'accept the findings recorded in FILE' },
  { name: 'update-baseline', type: 'boolean', description: 'write the current undisclosed findings to the baseline' },
  { name: 'cache', type: 'boolean', description: 'reuse results for unchanged files' },
  { name: 'cache-location', type: 'string', value: 'PATH', description: 'cache file (default: .privacy-lint-cache)' },
  { name: 'concurrency', type: 'string', value: 'N', description: 'threads to scan with, this one included: a number, auto (default) or off' },
  { name: 'from-text', type: 'string', value: 'FILE', description: 'init: draft policy.yaml from a published privacy policy' },
  { name: 'color', type: 'boolean', description: 'force colour on' },
  { name: 'no-color', type: 'boolean', description: 'never use colour' },
  { name: 'help', type: 'boolean', short: 'h', description: 'show this help' },
  { name: 'version', type: 'boolean', short: 'v', description: 'print the version' },
];

export interface CommandHelp {
  usage: string;
  summary: string;
  example: string;
}

/** Commands with one example each, for --help. */
export const COMMANDS: Record<string, CommandHelp> = {
  check: { usage: 'privacy-lint [check] [PATH...]', summary: 'scan and judge against policy.yaml (the default command)', example: 'privacy-lint check src --format json --output privacy.json' },
  init: { usage: 'privacy-lint init [PATH]', summary: 'write a draft policy.yaml from what the scan finds', example: 'privacy-lint init --from-text docs/privacy.md' },
  policy: { usage: 'privacy-lint policy extract FILE | policy diff', summary: 'read a published privacy policy; compare it with policy.yaml', example: 'privacy-lint policy extract docs/privacy.md --format json' },
  report: { usage: 'privacy-lint report [PATH...]', summary: 'a self-contained audit report', example: 'privacy-lint report --format html --output privacy-report.html' },
  rules: { usage: 'privacy-lint rules', summary: 'list the rules, categories and SDKs', example: 'privacy-lint rules --format json' },
  explain: { usage: 'privacy-lint explain ID', summary: 'explain one rule, category or SDK', example: 'privacy-lint explain react-native-device-info/advertising-id' },
  export: { usage: 'privacy-lint export apple|play [PATH]', summary: 'store disclosures implied by the scan', example: 'privacy-lint export apple --output ios/PrivacyInfo.xcprivacy' },
};
