import type { IdGenerator } from "./ids.js";
import type { SimulatorState } from "./state.js";

/** What every route and action needs: the state, the clock and the id generator. */
export interface SimContext {
  state: SimulatorState;
  now: () => Date;
  newId: IdGenerator;
}
