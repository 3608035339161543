package store

// PersonalDataModels exposes the models PersonalDataOf reads to the external tests.
var PersonalDataModels = personalDataModels
