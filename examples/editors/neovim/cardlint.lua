-- nvim-lint (https://github.com/mfussenegger/nvim-lint): cardlint on model card buffers.
-- Put this in your config (e.g. after/plugin/cardlint.lua). The buffer's text goes to stdin
-- and --stdin-filename picks the format and the configuration of the file's directory.
-- --format editor counts columns in bytes, as Neovim does, and names each severity.
local lint = require("lint")
local severities = vim.diagnostic.severity

lint.linters.cardlint = {
  cmd = "cardlint",
  stdin = true,
  args = {
    "check", "--format", "editor", "--exit-zero",
    "--stdin-filename", function() return vim.api.nvim_buf_get_name(0) end, "-",
  },
  stream = "stdout",
  ignore_exitcode = true,
  parser = require("lint.parser").from_pattern(
    "^(.-):(%d+):(%d+): (%a+): (%u+%d+) (.*)$",
    { "file", "lnum", "col", "severity", "code", "message" },
    { error = severities.ERROR, warning = severities.WARN, info = severities.INFO },
    { source = "cardlint" }
  ),
}

lint.linters_by_ft.json = { "cardlint" }
lint.linters_by_ft.yaml = { "cardlint" }

vim.api.nvim_create_autocmd({ "BufReadPost", "BufWritePost", "InsertLeave" }, {
  pattern = { "*model-card*", "*model_card*", "*modelcard*" },
  callback = function() lint.try_lint("cardlint") end,
})
