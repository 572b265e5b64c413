"""Cross-cutting pieces every area uses: permissions, phases, i18n, errors, sanitising, clock."""
