// Colour for a person at a terminal only: never when piped or when NO_COLOR is set (https://no-color.org).
// picocolors' own default also turns colour on whenever CI is set, even into a pipe, so we decide ourselves.
import pc from 'picocolors';

export type Colors = ReturnType<typeof pc.createColors>;

export function pickColors(stream: { isTTY?: boolean } = process.stdout, env: NodeJS.ProcessEnv = process.env): Colors {
  if (env.NO_COLOR) return pc.createColors(false);
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return pc.createColors(forced || (stream.isTTY === true && env.TERM !== 'dumb'));
}
