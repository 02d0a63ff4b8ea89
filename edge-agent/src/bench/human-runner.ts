import { HailongError } from "@hailong/common";
import type { RgbImage } from "@hailong/models";

/** The engine the benches time beside the agent: @vladmandic/human, which the CLI loads from the model lab. */
export interface HumanRunner {
  analyze(image: RgbImage): Promise<number>;
  version: string;
  backend: string;
}

export type LoadHumanRunner = () => Promise<HumanRunner>;

/** The injected loader, or a usage error naming the way out (the agent package does not ship Human). */
export function requireHumanLoader(load: LoadHumanRunner | undefined): LoadHumanRunner {
  if (load) return load;
  throw new HailongError(
    "HAILONG_ERR_USAGE",
    "the @vladmandic/human comparison needs the model lab: run it through `hailong bench`, or skip it (--no-human)",
  );
}
