package scorm

// Error is the outcome of one API call: a SCORM error code (0 = no error) and a diagnostic that
// says what exactly was wrong, for GetDiagnostic.
type Error struct {
	Code       int
	Diagnostic string
}

var noError = Error{}

// errorStrings12 are the SCORM 1.2 RTE error codes (RTE §3.3.4).
var errorStrings12 = map[int]string{
	0:   "No error",
	101: "General exception",
	201: "Invalid argument error",
	202: "Element cannot have children",
	203: "Element not an array - cannot have count",
	301: "Not initialized",
	401: "Not implemented error",
	402: "Invalid set value, element is a keyword",
	403: "Element is read only",
	404: "Element is write only",
	405: "Incorrect data type",
}

// errorStrings2004 are the SCORM 2004 4th edition RTE error codes (RTE §3.1.7).
var errorStrings2004 = map[int]string{
	0:   "No Error",
	101: "General Exception",
	102: "General Initialization Failure",
	103: "Already Initialized",
	104: "Content Instance Terminated",
	111: "General Termination Failure",
	112: "Termination Before Initialization",
	113: "Termination After Termination",
	122: "Retrieve Data Before Initialization",
	123: "Retrieve Data After Termination",
	132: "Store Data Before Initialization",
	133: "Store Data After Termination",
	142: "Commit Before Initialization",
	143: "Commit After Termination",
	201: "General Argument Error",
	301: "General Get Failure",
	351: "General Set Failure",
	391: "General Commit Failure",
	401: "Undefined Data Model Element",
	402: "Unimplemented Data Model Element",
	403: "Data Model Element Value Not Initialized",
	404: "Data Model Element Is Read Only",
	405: "Data Model Element Is Write Only",
	406: "Data Model Element Type Mismatch",
	407: "Data Model Element Value Out Of Range",
	408: "Data Model Dependency Not Established",
}

// ErrorString is GetErrorString / LMSGetErrorString: the standard text of a code, "" for a code
// the standard does not define.
func ErrorString(kind string, code int) string {
	if kind == KindSCORM12 {
		return errorStrings12[code]
	}
	return errorStrings2004[code]
}

// codes are the error codes a situation gets in each edition: SCORM 1.2 has few, so several
// situations share one code.
type codes struct {
	initTwice, initAfterTerm                int
	termBeforeInit, termAfterTerm           int
	getBeforeInit, getAfterTerm             int
	setBeforeInit, setAfterTerm             int
	commitBeforeInit, commitAfterTerm       int
	argument                                int
	undefined, unkept                       int
	noChildren, noCount, keyword            int
	readOnly, writeOnly, typeMismatch, rang int
	notInitialized                          int // a read-only value the LMS has none of (2004: 403)
}

var codes12 = codes{
	initTwice: 101, initAfterTerm: 101,
	termBeforeInit: 301, termAfterTerm: 301,
	getBeforeInit: 301, getAfterTerm: 301,
	setBeforeInit: 301, setAfterTerm: 301,
	commitBeforeInit: 301, commitAfterTerm: 301,
	argument: 201, undefined: 201, unkept: 401,
	noChildren: 202, noCount: 203, keyword: 402,
	readOnly: 403, writeOnly: 404, typeMismatch: 405, rang: 405,
}

var codes2004 = codes{
	initTwice: 103, initAfterTerm: 104,
	termBeforeInit: 112, termAfterTerm: 113,
	getBeforeInit: 122, getAfterTerm: 123,
	setBeforeInit: 132, setAfterTerm: 133,
	commitBeforeInit: 142, commitAfterTerm: 143,
	argument: 201, undefined: 401, unkept: 402,
	noChildren: 301, noCount: 301, keyword: 404,
	readOnly: 404, writeOnly: 405, typeMismatch: 406, rang: 407,
	notInitialized: 403,
}
