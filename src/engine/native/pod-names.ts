/**
 * The names a pod is known by, most specific first: `Firebase/Analytics` and `Firebase` for
 * `Firebase/Analytics`, because a subspec ships its pod and a rule may name either.
 */
export function podNames(pod: string): string[] {
  const parts = pod.trim().split('/');
  return parts.map((_, i) => parts.slice(0, parts.length - i).join('/'));
}
