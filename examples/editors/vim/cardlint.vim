" Vim: :make runs cardlint on the current file and fills the quickfix list (:copen).
" Put in ~/.vim/after/ftplugin/yaml.vim and json.vim, or source it for model card buffers.
setlocal makeprg=cardlint\ check\ --format\ concise\ %
setlocal errorformat=%f:%l:%c:\ %m
