# a file over the 5 MiB limit, made here rather than stored in git
python3 -c "open('case/chronology.yaml', 'w').write('# ' + 'x' * (5 * 1024 * 1024) + '\n')"
