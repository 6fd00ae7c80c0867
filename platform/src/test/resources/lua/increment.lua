return tonumber(ARGV[1]) + 1
