"""Date formats of lotse's languages where Django's defaults do not fit (FORMAT_MODULE_PATH):
English pages write dates in British order (14 November 2026, 14/11/2026), never US order."""
