import { describe, expect, it } from "vitest";
import { mqttLink } from "./connect-mqtt.js";

describe("mqttLink", () => {
  it("takes credentials from the environment first and never keeps them in the URL", () => {
    const link = mqttLink(
      { url: "mqtt://u:url-pw@broker:1883", username: "cfg" },
      { HAILONG_MQTT_USERNAME: "env-user", HAILONG_MQTT_PASSWORD: "env-pw" },
    );
    expect(link).toEqual({
      url: "mqtt://broker:1883",
      displayUrl: "mqtt://broker:1883",
      username: "env-user",
      password: "env-pw",
    });
  });

  it("falls back to the URL's userinfo, then to the configured username", () => {
    expect(mqttLink({ url: "mqtt://u:url-pw@broker" }, {})).toMatchObject({ username: "u", password: "url-pw" });
    const plain = mqttLink({ url: "mqtt://broker", username: "agent-1" }, {});
    expect(plain).toEqual({ url: "mqtt://broker", displayUrl: "mqtt://broker", username: "agent-1" });
  });
});
