// eslint for our own JavaScript (`make js-check`, part of `make check`): the canvas renderer and the
// base-map labels (layers/canvas/*.js), plain browser scripts (no modules, no build step) run after Leaflet,
// which defines the global L; and the Node.js harness that tests the renderer's decoders.
import js from "@eslint/js";
import globals from "globals";

export default [
  // generated or installed, not ours: static/ holds copies of Leaflet and of layers/canvas
  { ignores: [".venv/**", "static/**", "var/**", "test-artifacts/**", "bench/results/**"] },
  {
    files: ["layers/canvas/*.js"],
    languageOptions: {
      ecmaVersion: 2015,
      sourceType: "script",
      globals: { ...globals.browser, L: "readonly" },
    },
    // The recommended set, and rules that catch bugs (not style): ES5 `var` is function-scoped, so a
    // variable used outside the block it is declared in, or declared twice, is an error here.
    rules: {
      ...js.configs.recommended.rules,
      "array-callback-return": "error",
      "block-scoped-var": "error",
      "consistent-return": "error",
      eqeqeq: "error",
      "no-implicit-globals": "error",
      "no-loop-func": "error",
      "no-self-compare": "error",
      "no-sequences": "error",
      "no-shadow": "error",
      "no-throw-literal": "error",
      "no-unmodified-loop-condition": "error",
      "no-unreachable-loop": "error",
      "no-unused-expressions": "error",
      "no-unused-vars": ["error", { args: "none" }],
      "no-use-before-define": ["error", { functions: false }],
      radix: "error",
      strict: ["error", "function"],
    },
  },
  {
    files: ["tests/**/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "commonjs", globals: { ...globals.node } },
    rules: { ...js.configs.recommended.rules, eqeqeq: "error", "no-shadow": "error" },
  },
  {
    files: ["eslint.config.mjs"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module" },
    rules: js.configs.recommended.rules,
  },
];
