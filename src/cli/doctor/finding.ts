// One line of the doctor's report: how it stands, what was found, and the concrete next step when it is not ok.
export type FindingLevel = 'ok' | 'warn' | 'fail';

export interface Finding {
  level: FindingLevel;
  text: string;
  fix?: string;
}

// What the checks look at, injected so tests and other machines see the same logic.
export interface DoctorHost {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  home: string;
  cwd: string;
  uid: number | undefined;
  nodeVersion: string;
}
