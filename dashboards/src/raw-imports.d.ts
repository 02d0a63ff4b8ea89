/** Vite's `?raw` suffix imports a file's text (the docs/ guide and notice sign rendered by the dashboards). */
declare module "*.md?raw" {
  const text: string;
  export default text;
}
