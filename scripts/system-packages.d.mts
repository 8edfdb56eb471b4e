// Types for the plain-JavaScript pretest script (it runs before anything is built), for its tests.
export interface SystemPackage {
  name: string;
  proof: string;
}
export type InstallPlan = { kind: 'none' } | { kind: 'install'; prefix: string[] } | { kind: 'refuse'; message: string };
export function parseList(text: string): SystemPackage[];
export function missingPackages(packages: SystemPackage[], path: string): string[];
export function installPlan(missing: string[], who: { isRoot: boolean; canSudo: boolean }): InstallPlan;
