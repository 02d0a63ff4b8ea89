export * from "./connect-mqtt.js";
export * from "./mqtt-tls.js";
export * from "./redact-url.js";
