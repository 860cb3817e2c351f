# unittest: TestCase assertions, setUp/tearDown, subTest, skip and
# expectedFailure, a suite run by TextTestRunner into a buffer, mock.
import io
import unittest
from unittest import mock


class Calc(unittest.TestCase):
    log = []

    @classmethod
    def setUpClass(cls):
        cls.log.append("setUpClass")

    def setUp(self):
        self.data = [3, 1, 2]

    def tearDown(self):
        self.log.append("tearDown " + self._testMethodName)

    def test_equal(self):
        self.assertEqual(sorted(self.data), [1, 2, 3])
        self.assertNotEqual(self.data, [])
        self.assertTrue(self.data)
        self.assertIn(2, self.data)
        self.assertIsNone(None)
        self.assertIsInstance(self.data, list)
        self.assertAlmostEqual(0.1 + 0.2, 0.3)
        self.assertCountEqual(self.data, [1, 2, 3])
        self.assertRegex("abc123", r"\d+")

    def test_raises(self):
        with self.assertRaises(ZeroDivisionError) as cm:
            1 / 0
        self.assertEqual(str(cm.exception), "division by zero")
        self.assertRaisesRegex(ValueError, "invalid literal", int, "x")
        with self.assertWarns(UserWarning):
            import warnings
            warnings.warn("w")

    def test_fail(self):
        self.assertEqual({"a": 1, "b": [1, 2]}, {"a": 1, "b": [1, 3]})

    def test_error(self):
        raise KeyError("oops")

    def test_sub(self):
        for i in range(4):
            with self.subTest(i=i):
                self.assertLess(i, 2)

    @unittest.skip("not today")
    def test_skipped(self):
        pass

    @unittest.expectedFailure
    def test_xfail(self):
        self.assertEqual(1, 2)

    def test_mock(self):
        m = mock.Mock(return_value=5)
        self.assertEqual(m(1, k=2), 5)
        m.assert_called_once_with(1, k=2)
        with mock.patch("os.getcwd", return_value="/fake") as p:
            import os
            self.assertEqual(os.getcwd(), "/fake")
        self.assertTrue(p.called)
        mm = mock.MagicMock()
        mm.__len__.return_value = 3
        self.assertEqual(len(mm), 3)


suite = unittest.defaultTestLoader.loadTestsFromTestCase(Calc)
print(suite.countTestCases(), sorted(t._testMethodName for t in suite))
buf = io.StringIO()
result = unittest.TextTestRunner(stream=buf, verbosity=2).run(suite)
print(result.testsRun, len(result.failures), len(result.errors), len(result.skipped), len(result.expectedFailures), result.wasSuccessful())
for test, tb in result.failures + result.errors:
    print(test.id(), "|", [ln for ln in tb.splitlines() if ln.startswith(("AssertionError", "KeyError"))][0])
print(Calc.log)
lines = [ln for ln in buf.getvalue().splitlines() if " ... " in ln]
print("\n".join(lines))
print(unittest.TestCase("run").id().endswith("TestCase.run"), issubclass(unittest.SkipTest, Exception))
