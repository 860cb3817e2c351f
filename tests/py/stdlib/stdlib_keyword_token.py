# keyword, token and __future__ from CPython's standard library.
import keyword
import token
import __future__

print(len(keyword.kwlist), keyword.kwlist[:5], keyword.softkwlist)
print(keyword.iskeyword("async"), keyword.iskeyword("match"), keyword.issoftkeyword("match"))
print(keyword.iskeyword("x"), keyword.__file__.endswith("/keyword.py"))
print(token.tok_name[token.NAME], token.NAME, token.ISTERMINAL(token.OP), token.ISEOF(token.ENDMARKER))
print(token.EXACT_TOKEN_TYPES["**="] == token.DOUBLESTAREQUAL, token.N_TOKENS)
print(__future__.all_feature_names)
print(__future__.annotations.getOptionalRelease(), __future__.annotations.getMandatoryRelease())
print(__future__.division.compiler_flag, repr(__future__.generator_stop))
