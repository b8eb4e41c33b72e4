" Vim (8.0 or newer) and Neovim: :make runs cardlint on the current file and fills the
" quickfix list (:copen) with each finding's line, byte column and type (error, warning, info).
" Put it in ~/.vim/after/ftplugin/yaml.vim and json.vim, or source it for model card buffers.
" --format editor counts columns in bytes, as Vim does, so a line with non-ASCII text is right.
setlocal makeprg=cardlint\ check\ --format\ editor\ %
setlocal errorformat=%f:%l:%c:\ %t%*[a-z]:\ %m
