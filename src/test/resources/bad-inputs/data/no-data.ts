@problemName Tiny
@classLabel true a b
