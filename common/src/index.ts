export * from "./cli-options.js";
export * from "./config.js";
export * from "./errors.js";
export * from "./logger.js";
export * from "./mqtt/index.js";
export * from "./tools/ffmpeg-path.js";
export * from "./tools/mosquitto-process.js";
