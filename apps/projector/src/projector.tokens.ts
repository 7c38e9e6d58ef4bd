/** Injection token of the projector's settings (read from the environment at start). */
export const PROJECTOR_SETTINGS = Symbol('ProjectorSettings');
