-- Stands in for nvim-lint: records what examples/editors/neovim/cardlint.lua gives it, then
-- parses real cardlint output with the example's own pattern as nvim-lint's from_pattern does
-- (string.match, then the severity map), in this Neovim's Lua.
local seen = {}
package.preload["lint"] = function()
  return { linters = {}, linters_by_ft = {}, try_lint = function() end }
end
package.preload["lint.parser"] = function()
  return {
    from_pattern = function(pattern, groups, severity_map, defaults)
      seen.pattern, seen.groups, seen.severity_map, seen.defaults = pattern, groups, severity_map, defaults
      return "parser"
    end,
  }
end
local ok, err = pcall(dofile, os.getenv("CARDLINT_EXAMPLE"))
local out = { ok = ok, error = err and tostring(err), parsed = {} }
if ok then
  local lint = require("lint")
  out.args = lint.linters.cardlint.args
  for i, arg in ipairs(out.args) do
    if type(arg) == "function" then out.args[i] = "<function>" end
  end
  out.filetypes = { json = lint.linters_by_ft.json, yaml = lint.linters_by_ft.yaml }
  for _, line in ipairs(vim.fn.readfile(os.getenv("CARDLINT_LINES"))) do
    local captures = { string.match(line, seen.pattern) }
    local item = {}
    for i, name in ipairs(seen.groups) do item[name] = captures[i] end
    item.severity = seen.severity_map[item.severity]
    table.insert(out.parsed, item)
  end
  out.source = seen.defaults.source
end
vim.fn.writefile({ vim.fn.json_encode(out) }, os.getenv("CARDLINT_OUT"))
vim.cmd("qall!")
